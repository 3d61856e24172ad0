package dev.connectnow.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.presence.support.EventFeed;
import dev.connectnow.presence.support.EventFeed.Socket;
import dev.connectnow.presence.support.IntegrationTestBase;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.SwitchableTcpProxy;
import dev.connectnow.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

/**
 * R1 for presence: while Kafka cannot be reached by the service's producer, socket events keep being consumed
 * and PUTs keep succeeding; the presence changes wait in the outbox and all arrive, in order per user, once
 * Kafka is back. The producer reaches the broker only through a switchable proxy that is off when the context
 * starts (see auth-service's KafkaOutageIntegrationTest for why this means "Kafka unreachable"); the consumer
 * and the test's own feed use the broker directly.
 */
@TestPropertySource(properties = {"connectnow.outbox.max-backoff=1s", "connectnow.presence.offline-grace=0s"})
class KafkaOutageTest extends IntegrationTestBase {

    private static final int USERS = 6;
    static final SwitchableTcpProxy PROXY = startProxy();

    @TestConfiguration
    static class ProducerThroughProxy {
        @Bean
        DefaultKafkaProducerFactoryCustomizer producerThroughProxy() {
            return factory -> factory.updateConfigs(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    PROXY.address(),
                    // give up on a send quickly while Kafka is away, so the relay's back-off governs retries
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    1000));
        }
    }

    @AfterAll
    static void stopProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void presenceChangesMadeWhileKafkaIsAwayArriveInOrderOnceItIsBack() {
        Map<UUID, List<String>> expected = new LinkedHashMap<>();
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            UUID user = newUser();
            Socket socket = feed.socket(user, EventFeed.newInstance());
            sockets.add(socket);
            feed.send(feed.connected(socket));
            expected.put(user, List.of("ONLINE", "BUSY", "OFFLINE"));
        }
        for (Socket socket : sockets) {
            awaitStatus(socket.userId(), "ONLINE");
            assertThat(api(socket.userId())
                            .put("/api/presence/me", Map.of("status", "BUSY"))
                            .json()
                            .get("status")
                            .asString())
                    .isEqualTo("BUSY");
            feed.send(feed.disconnected(socket));
        }
        expected.keySet().forEach(user -> awaitStatus(user, "OFFLINE"));

        // nothing got out: the relay tried (through the proxy) and every change is still in the outbox
        Await.until("the relay tried to reach Kafka", () -> PROXY.refusedConnections() > 0);
        assertThat(pending()).isEqualTo(USERS * 3);

        PROXY.enable();
        assertThat(trail.statuses(expected)).isEqualTo(expected);
        Await.until("the outbox drained", () -> pending() == 0);
    }

    private int pending() {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = 'presence.updated'", Integer.class);
    }

    private static SwitchableTcpProxy startProxy() {
        String[] broker = TestKafka.shared().bootstrapServers().split(",")[0].split(":");
        try {
            return new SwitchableTcpProxy(broker[0], Integer.parseInt(broker[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
