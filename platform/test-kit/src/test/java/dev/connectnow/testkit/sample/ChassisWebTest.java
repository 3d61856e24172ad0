package dev.connectnow.testkit.sample;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The chassis' security and error handling, seen through a minimal service. */
@ServiceIntegrationTest
class ChassisWebTest {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private final UUID user = UUID.randomUUID();

    private ApiClient api() {
        return ApiClient.local(port).as(TestTokens.accessToken(user));
    }

    @Test
    void aValidTokenIsAcceptedAndTheCallerIsKnown() {
        ApiClient.Response created = api().post("/api/notes", Map.of("text", "hello"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("ownerId")).isEqualTo(user.toString());
    }

    @Test
    void missingOrInvalidTokensGet401ProblemDetails() {
        ApiClient anonymous = ApiClient.local(port);
        assertProblem(anonymous.post("/api/notes", Map.of("text", "x")), 401);
        assertThat(anonymous.post("/api/notes", Map.of("text", "x")).header("WWW-Authenticate"))
                .hasValue("Bearer");

        TestTokens tokens = TestTokens.shared();
        String expired =
                tokens.builder(user).expiresAt(Instant.now().minusSeconds(120)).sign();
        String wrongIssuer = tokens.builder(user).issuer("someone-else").sign();
        String wrongAudience = tokens.builder(user).audience("other-api").sign();
        String notAUser = tokens.builder(user).claim("sub", "admin").sign();
        String valid = tokens.builder(user).sign();
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        String unsigned = parts[0] + "." + parts[1] + ".";
        for (String token :
                new String[] {expired, wrongIssuer, wrongAudience, notAUser, tampered, unsigned, "garbage"}) {
            ApiClient.Response response = ApiClient.local(port).as(token).post("/api/notes", Map.of("text", "x"));
            assertProblem(response, 401);
        }
    }

    @Test
    void publicPathsAreOpenAndIgnoreStaleTokens() {
        assertThat(ApiClient.local(port).get("/api/public/ping").body()).isEqualTo("pong");
        assertThat(ApiClient.local(port)
                        .as("stale.or.garbage")
                        .get("/api/public/ping")
                        .status())
                .isEqualTo(200);
        assertProblem(ApiClient.local(port).post("/api/public/ping", "{}"), 401);
    }

    @Test
    void badInputGetsClearProblemDetails() {
        assertFieldErrors(api().post("/api/notes", Map.of("text", "")), "text");
        assertFieldErrors(api().post("/api/notes", Map.of("text", "ok", "ownerId", UUID.randomUUID())), "ownerId");
        assertThat(assertProblem(api().post("/api/notes", "{\"text\": "), 400)
                        .get("detail")
                        .asString())
                .contains("not valid JSON");
        assertThat(assertProblem(api().post("/api/notes", "{\"text\": \"a\\u0000b\"}"), 400)
                        .get("detail")
                        .asString())
                .contains("NUL");
        assertProblem(api().post("/api/notes", "{\"text\": {\"nested\": true}}"), 400);
    }

    @Test
    void oversizedBodiesGet413() {
        String big = "{\"text\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertProblem(api().post("/api/notes", big), 413);
    }

    @Test
    void domainErrorsAndUnknownPathsAreProblemDetails() {
        UUID id = UUID.randomUUID();
        assertThat(assertProblem(api().get("/api/notes/" + id), 404)
                        .get("noteId")
                        .asString())
                .isEqualTo(id.toString());
        assertFieldErrors(api().get("/api/notes/not-a-uuid"), "id");
        assertProblem(api().get("/api/nothing-here"), 404);
    }

    @Test
    void theActuatorIsServedOnTheManagementPortOnlyAndTheProbesOnBoth() {
        assertThat(managementPort).isNotEqualTo(port);
        ApiClient management = ApiClient.local(managementPort);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        ApiClient.Response metrics = management.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("connectnow_outbox_pending");

        for (ApiClient client : List.of(ApiClient.local(port), api())) {
            assertProblem(client.get("/actuator/prometheus"), 404);
            assertProblem(client.get("/actuator/health"), 404);
        }
        assertThat(ApiClient.local(port).get("/readyz").status()).isEqualTo(200);
        assertThat(ApiClient.local(port).get("/livez").status()).isEqualTo(200);
    }

    @Test
    void theOpenApiDocumentDescribesTheEndpointsButNotTheTokenDerivedCaller() {
        ApiClient.Response docs = ApiClient.local(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/notes")).isTrue();
        assertThat(docs.body()).doesNotContain("AuthenticatedUser").doesNotContain("\"name\":\"me\"");
    }
}
