package dev.connectnow.realtime.support;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.realtime.RealtimeServiceApplication;
import dev.connectnow.realtime.socket.SocketHub;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestTokens;
import dev.connectnow.testkit.WsClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * realtime-service started for real (Reactor Netty on a random port) against the JVM's Kafka broker, tokens
 * from the test kit's JWKS, and {@link OwningServices} standing in for the snapshot endpoints (found through
 * the LoadBalancer's simple discovery, as Eureka would). Every subclass shares this one context: the windows
 * are short (2 s heartbeats and IDENTIFY deadline, 6 s replay window) so deadlines can be tested in seconds.
 */
@SpringBootTest(
        classes = RealtimeServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "eureka.client.enabled=false",
            "spring.cloud.service-registry.auto-registration.enabled=false",
            "connectnow.realtime.heartbeat-interval=2s",
            "connectnow.realtime.identify-timeout=2s",
            "connectnow.realtime.replay.window=6s",
            "connectnow.realtime.replay.max-events=300",
            "connectnow.realtime.replay.max-bytes=8388608",
            "connectnow.realtime.instance-heartbeat-interval=1s",
            "connectnow.realtime.typing.max-members=50",
            "logging.structured.format.console=",
        })
public abstract class RealtimeIntegrationTest {

    protected static final OwningServices OWNERS = new OwningServices();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> TestKafka.shared().bootstrapServers());
        registry.add(
                "connectnow.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
        String simple = "spring.cloud.discovery.client.simple.instances.";
        for (String service : new String[] {"workspace-service", "channel-service", "dm-service"}) {
            registry.add(simple + service + "[0].uri", OWNERS::url);
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected SocketHub hub;

    @Autowired
    protected MeterRegistry meters;

    @BeforeEach
    void consumersReady() {
        Await.until("the instance accepts sockets", hub::accepting);
    }

    protected URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    protected WsClient connect() {
        return WsClient.connect(ws());
    }

    protected WsClient connect(Map<String, String> headers) {
        return WsClient.connect(ws(), headers);
    }

    /** A socket that identified as the user and got READY. */
    protected WsClient identified(UUID user) {
        WsClient client = connect();
        client.identify(TestTokens.accessToken(user));
        return client;
    }

    protected double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Publishes an event as its owning service would (enveloped, keyed by the contract's rule). */
    protected static <T> EventEnvelope<T> publish(EventType<T> type, T payload) {
        EventEnvelope<T> envelope = envelope(type, payload);
        TestEvents.send(envelope);
        return envelope;
    }

    protected static <T> EventEnvelope<T> envelope(EventType<T> type, T payload) {
        return EventEnvelope.of(type, "/test", null, null, payload, Instant.now());
    }

    protected static UUID newId() {
        return UUID.randomUUID();
    }
}
