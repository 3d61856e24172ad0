package dev.connectnow.testkit.stateless;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.web.SecurityFilterChain;

/** A service with neither database nor Kafka starts on the chassis with security and problem details working. */
@ServiceIntegrationTest
class StatelessServiceTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    private final UUID user = UUID.randomUUID();

    @Test
    void hasTheWebCapabilitiesAndNothingThatNeedsADatabaseOrKafka() {
        assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(1);
        for (Class<?> absent : new Class<?>[] {
            DataSource.class,
            KafkaTemplate.class,
            OutboxPublisher.class,
            ProcessedEvents.class,
            EventJson.class,
            EventDispatcher.class
        }) {
            assertThat(context.getBeanNamesForType(absent))
                    .as("%s beans", absent.getSimpleName())
                    .isEmpty();
        }
    }

    @Test
    void requestsNeedAValidAccessToken() {
        ApiClient.Response anonymous = ApiClient.local(port).post("/api/greetings", Map.of("name", "Ada"));
        assertProblem(anonymous, 401);
        assertThat(anonymous.header("WWW-Authenticate")).hasValue("Bearer");

        String expired = TestTokens.shared()
                .builder(user)
                .expiresAt(Instant.now().minusSeconds(120))
                .sign();
        assertProblem(ApiClient.local(port).as(expired).post("/api/greetings", Map.of("name", "Ada")), 401);

        ApiClient.Response greeted = api().post("/api/greetings", Map.of("name", "Ada"));
        assertThat(greeted.status()).as("%s", greeted).isEqualTo(200);
        assertThat(greeted.body()).isEqualTo("hello Ada from " + user);
    }

    @Test
    void requestsAreObservedOnceNotOncePerSecurityFilter() {
        assertThat(api().get("/api/public/status").status()).isEqualTo(200);

        Await.untilAsserted(
                "the request is timed",
                () -> assertThat(meters.find("http.server.requests").timers()).isNotEmpty());
        assertThat(meters.find("spring.security.filterchains").meters()).isEmpty();
        assertThat(meters.find("spring.security.authentications").meters()).isEmpty();
    }

    @Test
    void publicPathsAndProbesAreOpen() {
        ApiClient anonymous = ApiClient.local(port);
        assertThat(anonymous.get("/api/public/status").body()).isEqualTo("up");
        assertThat(anonymous.get("/readyz").status())
                .as("readiness without a database to include")
                .isEqualTo(200);
        assertThat(anonymous.get("/livez").status()).isEqualTo(200);
    }

    @Test
    void badInputAndMissingThingsAreProblemDetails() {
        assertFieldErrors(api().post("/api/greetings", Map.of("name", "")), "name");
        assertFieldErrors(api().post("/api/greetings", Map.of("name", "Ada", "extra", 1)), "extra");
        assertProblem(api().post("/api/greetings", "{\"name\": "), 400);
        assertFieldErrors(api().get("/api/greetings?limit=0"), "limit");
        assertFieldErrors(api().get("/api/greetings?cursor=***"), "cursor");
        assertThat(assertProblem(api().get("/api/greetings/" + UUID.randomUUID()), 404)
                        .get("detail")
                        .asString())
                .isEqualTo("Greeting not found");
        assertFieldErrors(api().get("/api/greetings/not-a-uuid"), "id");
        assertProblem(api().get("/api/nothing-here"), 404);
        assertProblem(api().post("/api/greetings", "{\"name\": \"" + "x".repeat(300 * 1024) + "\"}"), 413);
    }

    @Test
    void anUnavailableDependencyIsA503WithRetryAfter() {
        ApiClient.Response response = api().get("/api/greetings/upstream");
        assertThat(assertProblem(response, 503).get("detail").asString())
                .isEqualTo("The greeting directory is unavailable");
        assertThat(response.header("Retry-After")).hasValue("7");
    }

    private ApiClient api() {
        return ApiClient.local(port).as(TestTokens.accessToken(user));
    }
}
