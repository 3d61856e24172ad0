package dev.connectnow.auth.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.auth.support.Accounts;
import dev.connectnow.events.Topics;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.KafkaOutage;
import dev.connectnow.testkit.ServiceIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * R1 in small: Kafka is unreachable while users register. Every registration still succeeds (the event
 * waits in the outbox), and once Kafka is reachable every {@code user.registered} arrives exactly once.
 *
 * <p>The in-JVM test broker cannot be stopped, so the service's producer is cut off from it with the test
 * kit's {@link KafkaOutage} (why that is a real outage, and why it covers "down, then up" only, is written
 * there).
 *
 * <p>The relay runs with its normal batch size: while Kafka is away it probes with one row per attempt,
 * so when the broker returns nothing has been half-sent and every event arrives exactly once, in order.
 */
@ServiceIntegrationTest
@Import(KafkaOutage.class)
@TestPropertySource(properties = "connectnow.outbox.max-backoff=1s")
class KafkaOutageIntegrationTest {

    private static final int USERS = 12;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaOutage kafka;

    @Test
    void registrationsSucceedWhileKafkaIsDownAndTheirEventsArriveOnceWhenItIsBack() throws Exception {
        ApiClient api = new Accounts(port).api();
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String username = Accounts.uniqueUsername("outage");
            ApiClient.Response response = api.withHeader("X-Forwarded-For", Accounts.freshAddress())
                    .post(
                            "/api/auth/register",
                            Map.of(
                                    "email",
                                    username + "@example.com",
                                    "username",
                                    username,
                                    "password",
                                    Accounts.PASSWORD,
                                    "displayName",
                                    "O"));
            assertThat(response.status()).as("%s", response).isEqualTo(201);
            userIds.add(response.json().get("user").get("id").asString());
        }

        // nothing got out: the relay tried (through the proxy) and every event is still in the outbox
        kafka.awaitProducerRefused();
        Await.until("the relay recorded a failed attempt", () -> failedAttempts() > 0);
        assertThat(pendingFor(userIds)).isEqualTo(USERS);

        try (EventCollector events = new EventCollector(Topics.USER)) {
            kafka.end();

            Set<String> expected = new HashSet<>(userIds);
            List<EventCollector.Received> arrived = events.await(
                    r -> r.type().equals("user.registered") && expected.contains(r.subject()),
                    USERS,
                    Duration.ofSeconds(90));
            assertThat(arrived)
                    .extracting(EventCollector.Received::subject)
                    .containsExactlyInAnyOrderElementsOf(userIds);

            List<EventCollector.Received> all = events.drain(
                    r -> r.type().equals("user.registered") && expected.contains(r.subject()), Duration.ofSeconds(3));
            assertThat(all).hasSize(USERS);
        }
        assertThat(kafka.forwardedConnections()).isPositive();
        Await.until("the outbox drained", () -> pendingFor(userIds) == 0);
    }

    private int pendingFor(List<String> userIds) {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = 'user.registered' " + "and event_key = any(?)",
                Integer.class,
                (Object) userIds.toArray(String[]::new));
    }

    private int failedAttempts() {
        return jdbc.queryForObject("select coalesce(sum(attempts), 0) from outbox_event", Integer.class);
    }
}
