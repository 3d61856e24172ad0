package dev.connectnow.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.presence.support.EventFeed;
import dev.connectnow.presence.support.EventFeed.Socket;
import dev.connectnow.presence.support.IntegrationTestBase;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.KafkaOutage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * R1 for presence: while Kafka cannot be reached by the service's producer, socket events keep being consumed
 * and PUTs keep succeeding; the presence changes wait in the outbox and all arrive, in order per user, once
 * Kafka is back. The producer is cut off with the test kit's {@link KafkaOutage}; the consumer and the test's own
 * feed use the broker directly.
 */
@Import(KafkaOutage.class)
@TestPropertySource(properties = {"connectnow.outbox.max-backoff=1s", "connectnow.presence.offline-grace=0s"})
class KafkaOutageTest extends IntegrationTestBase {

    private static final int USERS = 6;

    @Autowired
    private KafkaOutage kafka;

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
        kafka.awaitProducerRefused();
        assertThat(pending()).isEqualTo(USERS * 3);

        kafka.end();
        assertThat(trail.statuses(expected)).isEqualTo(expected);
        Await.until("the outbox drained", () -> pending() == 0);
    }

    private int pending() {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where event_type = 'presence.updated'", Integer.class);
    }
}
