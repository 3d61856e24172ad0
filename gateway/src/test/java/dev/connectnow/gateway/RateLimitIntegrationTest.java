package dev.connectnow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.gateway.support.FakeService;
import dev.connectnow.gateway.support.GatewayTestClient;
import dev.connectnow.gateway.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Rate limits per user and per client IP, with a tiny bucket. This context also uses the
 * default {@code lb://auth-service/.well-known/jwks.json}: the signing keys are found through
 * the service registry.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "connectnow.gateway.rate-limit.requests-per-second=0.1",
            "connectnow.gateway.rate-limit.burst=3"
        })
class RateLimitIntegrationTest {

    static final FakeService AUTH = new FakeService("auth-service").serve("/.well-known/jwks.json", TestTokens::jwks);

    static final FakeService WORKSPACE = new FakeService("workspace-service");

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.auth-service[0].uri", AUTH::uri);
        registry.add("spring.cloud.discovery.client.simple.instances.workspace-service[0].uri", WORKSPACE::uri);
    }

    @AfterAll
    static void stop() {
        AUTH.close();
        WORKSPACE.close();
    }

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = GatewayTestClient.to(port);
    }

    @Test
    void userOverTheLimitGets429WithRetryAfterWhileAnotherUserIsUnaffected() {
        String alice = TestTokens.valid(UUID.randomUUID());
        String bob = TestTokens.valid(UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            http.get()
                    .uri("/api/workspaces")
                    .headers(h -> h.setBearerAuth(alice))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(alice))
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        retryAfter -> assertThat(Long.parseLong(retryAfter)).isBetween(1L, 10L))
                .expectHeader()
                .value(
                        HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("Retry-After"))
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(429)
                .jsonPath("$.title")
                .isEqualTo("Too Many Requests")
                .jsonPath("$.instance")
                .isEqualTo("/api/workspaces");
        assertThat(WORKSPACE.count("GET", "/api/workspaces")).isEqualTo(3);

        // a different user has their own bucket
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(bob))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void anonymousCallsAreLimitedPerClientIpWhateverXForwardedForSays() {
        for (int i = 0; i < 3; i++) {
            http.post()
                    .uri("/api/auth/login")
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{}")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        http.post()
                .uri("/api/auth/login")
                .header("X-Forwarded-For", "198.51.100.99")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER);
        assertThat(AUTH.count("POST", "/api/auth/login")).isEqualTo(3);
        // an authenticated user from the same address still has their own bucket
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void healthProbesAreNeverRateLimited() {
        for (int i = 0; i < 10; i++) {
            http.get()
                    .uri("/actuator/health/readiness")
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
    }
}
