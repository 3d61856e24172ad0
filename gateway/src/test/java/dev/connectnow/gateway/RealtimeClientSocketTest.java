package dev.connectnow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.gateway.support.RawHttp;
import dev.connectnow.gateway.support.StandInRealtime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;

/**
 * What a client may send on the socket route besides well-formed frames. A message split into fragments (RFC 6455
 * §5.4), sent at once, before the gateway's own socket to the realtime instance is open: the instance still gets
 * one whole message, and the client's socket stays open. A handshake of a WebSocket version other than RFC 6455's
 * 13: refused with 426 and the version to use, nothing upgraded.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "connectnow.security.jwk-set-uri=http://127.0.0.1:9/jwks.json",
            "connectnow.gateway.rate-limit.enabled=false"
        })
@ExtendWith(OutputCaptureExtension.class)
class RealtimeClientSocketTest {

    /**
     * Takes its time over the upgrade, as a loaded instance does, then answers each message with what it got.
     * {@code sendWebsocket} answers the upgrade when called, so it is called after the delay, and on the
     * connection's own loop: Reactor Netty upgrading from another thread can drop a frame sent right after the 101
     * ({@link dev.connectnow.gateway.realtime.UpgradeOnTheConnectionsEventLoop}).
     */
    static final DisposableServer ECHOING = StandInRealtime.start(
            200,
            routes -> routes.get(
                    "/ws",
                    (request, response) -> Mono.delay(Duration.ofMillis(500), connectionsLoop(request))
                            .then(Mono.defer(() -> response.sendWebsocket((in, out) -> out.sendString(
                                    in.aggregateFrames().receive().asString().map(text -> "got " + text)))))));

    @DynamicPropertySource
    static void instances(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.cloud.discovery.client.simple.instances.realtime-service[0].uri",
                () -> "http://127.0.0.1:" + ECHOING.port());
    }

    @AfterAll
    static void stop() {
        ECHOING.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void fragmentsSentBeforeTheInstanceAnsweredArriveAsOneMessage(CapturedOutput output) {
        String answer = HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + port + "/ws")
                .handle((in, out) -> out.sendObject(Flux.just(
                                new TextWebSocketFrame(false, 0, utf8("{\"op\":\"HEART")),
                                new ContinuationWebSocketFrame(true, 0, utf8("BEAT\"}"))))
                        .then()
                        .thenMany(in.receive().asString().take(1)))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(answer).isEqualTo("got {\"op\":\"HEARTBEAT\"}");
        assertThat(output.getAll()).doesNotContain("Unexpected message type");
    }

    @Test
    void aHandshakeOfAnotherVersionThanRfc6455sIsRefused426WithTheVersionToUse(CapturedOutput output) {
        RawHttp raw = new RawHttp(port);
        for (String version : new String[] {null, "8", "abc"}) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Upgrade", "websocket");
            headers.put("Connection", "Upgrade");
            headers.put("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
            if (version != null) {
                headers.put("Sec-WebSocket-Version", version);
            }
            RawHttp.Response answer = raw.get("/ws", headers);
            assertThat(answer.status()).as("version %s", version).isEqualTo(426);
            assertThat(answer.header("Sec-WebSocket-Version"))
                    .as("version %s", version)
                    .isEqualTo("13");
            assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(answer.body()).contains("version 13");
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("\"ERROR\"");
    }

    private static Scheduler connectionsLoop(HttpServerRequest request) {
        return Schedulers.fromExecutorService(((Connection) request).channel().eventLoop());
    }

    private static ByteBuf utf8(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
