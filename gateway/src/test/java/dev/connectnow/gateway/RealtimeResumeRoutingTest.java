package dev.connectnow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.gateway.support.StandInRealtime;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;

/**
 * {@code /ws/resume/{instance}} reaches the realtime instance whose Eureka metadata {@code hint} is that key;
 * a key no instance has (the instance restarted or is gone), or the key of an instance that is still listed
 * but dead ({@code kill -9}: its port refuses connections) or not ready (stopping: readiness 503), reaches a
 * ready instance, which answers the RESUME with INVALID_SESSION. New sockets go to ready instances only.
 * (Each stand-in keeps its socket open until the client closes it, as realtime-service does.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "connectnow.security.jwk-set-uri=http://127.0.0.1:9/jwks.json",
            "connectnow.gateway.rate-limit.enabled=false"
        })
class RealtimeResumeRoutingTest {

    static final DisposableServer ALPHA = realtime("alpha", 200);
    static final DisposableServer BETA = realtime("beta", 200);
    /** Listed in discovery, but its process is gone: its port refuses connections. */
    static final int KILLED_PORT = killed();
    /** Listed and listening, but stopping: readiness answers 503. */
    static final DisposableServer STOPPING = realtime("stopping", 503);

    /** A stand-in realtime instance: every socket it accepts says its name; readiness answers {@code status}. */
    static DisposableServer realtime(String name, int readiness) {
        return StandInRealtime.start(
                readiness,
                routes -> routes.ws(
                                "/ws",
                                (in, out) -> out.sendString(Mono.just(name + " /ws"))
                                        .then(in.receive().then()))
                        .ws(
                                "/ws/resume/{key}",
                                (in, out) -> out.sendString(Mono.just(name + " resume"))
                                        .then(in.receive().then())));
    }

    static int killed() {
        DisposableServer server = realtime("killed", 200);
        int port = server.port();
        server.disposeNow();
        return port;
    }

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        String prefix = "spring.cloud.discovery.client.simple.instances.realtime-service";
        registry.add(prefix + "[0].uri", () -> "http://127.0.0.1:" + ALPHA.port());
        registry.add(prefix + "[0].metadata.hint", () -> "alpha");
        registry.add(prefix + "[1].uri", () -> "http://127.0.0.1:" + BETA.port());
        registry.add(prefix + "[1].metadata.hint", () -> "beta");
        registry.add(prefix + "[2].uri", () -> "http://127.0.0.1:" + KILLED_PORT);
        registry.add(prefix + "[2].metadata.hint", () -> "killed");
        registry.add(prefix + "[3].uri", () -> "http://127.0.0.1:" + STOPPING.port());
        registry.add(prefix + "[3].metadata.hint", () -> "stopping");
    }

    @AfterAll
    static void stop() {
        Stream.of(ALPHA, BETA, STOPPING).forEach(DisposableServer::disposeNow);
    }

    @LocalServerPort
    int port;

    String firstMessage(String path) {
        List<String> received = receive(path);
        assertThat(received).as(path).hasSize(1);
        return received.get(0);
    }

    List<String> receive(String path) {
        return receive(port, path);
    }

    /** The first message of a socket through the gateway on {@code port}; none if it closed without one. */
    static List<String> receive(int port, String path) {
        List<String> received = new ArrayList<>();
        new ReactorNettyWebSocketClient()
                .execute(
                        URI.create("ws://localhost:" + port + path),
                        session -> session.receive()
                                .map(WebSocketMessage::getPayloadAsText)
                                .doOnNext(received::add)
                                .take(1)
                                .then(session.close()))
                .onErrorComplete()
                .block(Duration.ofSeconds(15));
        return received;
    }

    @Test
    void aResumeReachesTheInstanceNamedInItsUrlEveryTime() {
        for (int i = 0; i < 4; i++) {
            assertThat(firstMessage("/ws/resume/alpha")).isEqualTo("alpha resume");
            assertThat(firstMessage("/ws/resume/beta")).isEqualTo("beta resume");
        }
    }

    @Test
    void aResumeForAKeyNoInstanceHasReachesALiveInstanceAtOnce() {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(firstMessage("/ws/resume/restartedinstance"));
        }
        assertThat(seen).containsExactlyInAnyOrder("alpha resume", "beta resume");
    }

    @Test
    void aResumeForAnInstanceThatIsListedButDeadOrStoppingReachesAReadyInstanceAtOnce() {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            seen.add(firstMessage("/ws/resume/killed"));
            seen.add(firstMessage("/ws/resume/stopping"));
        }
        assertThat(seen).containsExactlyInAnyOrder("alpha resume", "beta resume");
    }

    @Test
    void newSocketsAreSpreadOverReadyInstancesOnly() {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            seen.add(firstMessage("/ws"));
        }
        assertThat(seen).containsExactlyInAnyOrder("alpha /ws", "beta /ws");
    }
}
