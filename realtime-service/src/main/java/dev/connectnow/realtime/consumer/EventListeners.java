package dev.connectnow.realtime.consumer;

import dev.connectnow.events.Topics;
import dev.connectnow.realtime.fanout.EventRouter;
import dev.connectnow.realtime.socket.SocketHub;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Every public topic, read by this instance alone (its own consumer group, from the latest offsets, nothing
 * committed): each instance delivers every event to its own sockets. The user topic is also read back for the
 * access-token lifetime at start, so bans and revoked sessions whose tokens still work are known. Sockets are
 * accepted only once both listeners have their partitions.
 */
@Component
public class EventListeners implements ConsumerSeekAware {

    static final String PUBLIC_TOPICS = "realtime-public";
    static final String USER_TOPIC = "realtime-user";

    private final EventRouter router;
    private final SocketHub hub;
    private final Clock clock;
    private final Duration revocationMemory;
    private final long startedAtMillis;
    private final Set<String> assigned = ConcurrentHashMap.newKeySet();

    public EventListeners(EventRouter router, SocketHub hub, Clock clock, RealtimeListenerSettings settings) {
        this.router = router;
        this.hub = hub;
        this.clock = clock;
        this.revocationMemory = settings.revocationMemory();
        this.startedAtMillis = clock.millis();
    }

    @KafkaListener(
            id = PUBLIC_TOPICS,
            containerFactory = "realtimeListenerFactory",
            topics = {Topics.WORKSPACE, Topics.CHANNEL, Topics.MESSAGE, Topics.DM, Topics.PRESENCE, Topics.TYPING})
    void onEvent(ConsumerRecord<String, String> record) {
        router.route(record.value());
    }

    @KafkaListener(id = USER_TOPIC, containerFactory = "realtimeListenerFactory", topics = Topics.USER)
    void onUserEvent(ConsumerRecord<String, String> record) {
        if (record.timestamp() < startedAtMillis) {
            router.learnRevocations(record.value());
        } else {
            router.route(record.value());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Collection<TopicPartition> user = assignments.keySet().stream()
                .filter(partition -> partition.topic().equals(Topics.USER))
                .toList();
        if (!user.isEmpty()) {
            callback.seekToTimestamp(user, clock.millis() - revocationMemory.toMillis());
            assigned.add(USER_TOPIC);
        }
        if (assignments.keySet().stream()
                .anyMatch(partition -> !partition.topic().equals(Topics.USER))) {
            assigned.add(PUBLIC_TOPICS);
        }
        if (assigned.containsAll(Set.of(USER_TOPIC, PUBLIC_TOPICS))) {
            hub.startAccepting();
        }
    }

    /** The one setting the listeners need, so this class does not depend on the whole properties record. */
    public record RealtimeListenerSettings(Duration revocationMemory) {}
}
