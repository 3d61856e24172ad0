package dev.connectnow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.gateway.support.StandInRealtime;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The gateway upgrades the client's socket before it opens its own to a realtime instance. When that second
 * opening fails — the instance answers the upgrade with an HTTP status, or takes the connection and never
 * answers — the client's socket is closed with 4012 ("reconnect now", docs/realtime.md), within the gateway's
 * opening deadline (here 1 s), never left open with nothing behind it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "connectnow.security.jwk-set-uri=http://127.0.0.1:9/jwks.json",
            "connectnow.gateway.rate-limit.enabled=false",
            "connectnow.gateway.realtime.upstream-open-timeout=1s"
        })
class RealtimeSocketOpeningTest {

    /** Ready, takes the connection, never answers the upgrade (a hung process, a full accept queue). */
    static final DisposableServer SILENT = instance((request, response) -> Mono.never());
    /** Ready, but refuses the upgrade with a status (a race with its shutdown, a proxy in between). */
    static final DisposableServer REFUSING =
            instance((request, response) -> response.status(503).send());

    static DisposableServer instance(
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> socketEndpoint) {
        return StandInRealtime.start(200, routes -> routes.get("/ws", socketEndpoint));
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String prefix = "spring.cloud.discovery.client.simple.instances.realtime-service";
        registry.add(prefix + "[0].uri", () -> "http://127.0.0.1:" + SILENT.port());
        registry.add(prefix + "[1].uri", () -> "http://127.0.0.1:" + REFUSING.port());
    }

    @AfterAll
    static void stop() {
        Stream.of(SILENT, REFUSING).forEach(DisposableServer::disposeNow);
    }

    @LocalServerPort
    int port;

    @Test
    void aSocketNoInstanceOpensIsClosedWithReconnectNow() {
        Set<Integer> codes = new HashSet<>();
        for (int i = 0; i < 4; i++) { // round robin: both instances, twice
            codes.add(closeCodeOfASocketThroughTheGateway());
        }
        assertThat(codes).containsExactly(4012);
    }

    /** Opens {@code /ws} through the gateway (the upgrade succeeds there) and waits 10 s at most for its close. */
    private int closeCodeOfASocketThroughTheGateway() {
        CloseStatus[] closed = new CloseStatus[1];
        new ReactorNettyWebSocketClient()
                .execute(
                        URI.create("ws://localhost:" + port + "/ws"),
                        session -> session.closeStatus()
                                .doOnNext(status -> closed[0] = status)
                                .then())
                .block(Duration.ofSeconds(10));
        assertThat(closed[0]).as("the socket was closed by the gateway").isNotNull();
        return closed[0].getCode();
    }
}
