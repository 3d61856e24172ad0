package dev.connectnow.realtime.consumer;

import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.Topics;
import dev.connectnow.realtime.fanout.EventRouter;
import dev.connectnow.realtime.socket.RealtimeMetrics;
import dev.connectnow.realtime.socket.SocketHub;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Every public topic, read by this instance alone (its own consumer group, from the latest offsets, nothing
 * committed): each instance delivers every event to its own sockets. The user topic is also read back for the
 * access-token lifetime at start, so bans and revoked sessions whose tokens still work are known. Sockets are
 * accepted only once both listeners have their partitions.
 *
 * <p><b>Poison records</b> are skipped, counted ({@code connectnow_realtime_events_unroutable_total}) and logged
 * with their coordinates — never retried (a push is not repeatable: the sessions already served would get it
 * twice, and a retry holds up every later event of the partition) and never dead-lettered (every instance reads
 * every record, so N instances would park N copies; the owning services' consumers dead-letter it once).
 */
@Component
public class EventListeners implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(EventListeners.class);

    static final String PUBLIC_TOPICS = "realtime-public";
    static final String USER_TOPIC = "realtime-user";

    private final EventRouter router;
    private final SocketHub hub;
    private final RealtimeMetrics metrics;
    private final Clock clock;
    private final Duration revocationMemory;
    private final long startedAtMillis;
    private final Set<String> assigned = ConcurrentHashMap.newKeySet();

    public EventListeners(
            EventRouter router,
            SocketHub hub,
            RealtimeMetrics metrics,
            Clock clock,
            RealtimeListenerSettings settings) {
        this.router = router;
        this.hub = hub;
        this.metrics = metrics;
        this.clock = clock;
        this.revocationMemory = settings.revocationMemory();
        this.startedAtMillis = clock.millis();
    }

    // idIsGroup = false: a listener's id is otherwise its group id, one group for every instance, which would
    // split the partitions between the instances and each would miss the events of the others' partitions
    @KafkaListener(
            id = PUBLIC_TOPICS,
            idIsGroup = false,
            containerFactory = "realtimeListenerFactory",
            topics = {Topics.WORKSPACE, Topics.CHANNEL, Topics.MESSAGE, Topics.DM, Topics.PRESENCE, Topics.TYPING})
    void onEvent(ConsumerRecord<String, String> record) {
        handle(record, router::route);
    }

    @KafkaListener(
            id = USER_TOPIC,
            idIsGroup = false,
            containerFactory = "realtimeListenerFactory",
            topics = Topics.USER)
    void onUserEvent(ConsumerRecord<String, String> record) {
        handle(record, record.timestamp() < startedAtMillis ? router::learnRevocations : router::route);
    }

    private void handle(ConsumerRecord<String, String> record, Consumer<String> handler) {
        try {
            handler.accept(record.value());
        } catch (MalformedEventException poison) {
            metrics.unroutable();
            log.warn(
                    "Skipped a record of {}-{} at offset {}: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    poison.getMessage());
        } catch (RuntimeException bug) {
            metrics.unroutable();
            log.error(
                    "Routing the record of {}-{} at offset {} failed; skipped",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    bug);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        Collection<TopicPartition> user = assignments.keySet().stream()
                .filter(partition -> partition.topic().equals(Topics.USER))
                .toList();
        if (!user.isEmpty()) {
            callback.seekToTimestamp(
                    user, clock.instant().minus(revocationMemory).toEpochMilli());
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
