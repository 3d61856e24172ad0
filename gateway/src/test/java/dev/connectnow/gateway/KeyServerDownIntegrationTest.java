package dev.connectnow.gateway;

import dev.connectnow.gateway.support.GatewayTestClient;
import dev.connectnow.gateway.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * auth-service (and so the signing keys) is not registered: a token cannot be checked,
 * which is the edge's problem (503), not the client's (401: the client would drop a valid
 * session).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"eureka.client.enabled=false", "logging.level.dev.connectnow.gateway.problem=ERROR"})
class KeyServerDownIntegrationTest {

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = GatewayTestClient.to(port);
    }

    @Test
    void tokenThatCannotBeCheckedGets503NotUnauthorized() {
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth(TestTokens.valid(UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Authentication is temporarily unavailable.");
    }

    @Test
    void garbageIsStillUnauthorized() {
        http.get()
                .uri("/api/workspaces")
                .headers(h -> h.setBearerAuth("not.a.jwt"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        http.get().uri("/api/workspaces").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void publicCallsAnswer503ForTheMissingService() {
        http.post()
                .uri("/api/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("auth-service is unavailable.");
    }
}
