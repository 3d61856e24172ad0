package dev.connectnow.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestEvents;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * How often a listener commits its offsets. At a chat's pace a poll returns one record, so committing per poll
 * was a broker request and a write to {@code __consumer_offsets} per event; the chassis commits at most once a
 * second. The service's own consumers are counted by a consumer interceptor.
 */
@ServiceIntegrationTest
@TestPropertySource(
        properties = "spring.kafka.consumer.properties.interceptor.classes="
                + "dev.connectnow.testkit.sample.ChassisConsumerCommitsTest$CommitCounter")
class ChassisConsumerCommitsTest {

    private static final int EVENTS = 20;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTrickleOfEventsIsCommittedAtMostOnceASecondAndEveryHandledEventIsCommitted() {
        UUID note = UUID.randomUUID();
        sendAndAwaitHandled(note, 1); // the listener has its partitions and has handled what was there before

        int commitsBefore = CommitCounter.COMMITS.get();
        long started = System.nanoTime();
        for (int handled = 2; handled <= EVENTS + 1; handled++) {
            // each event sent once the previous one was handled: a poll per event, as in a chat
            sendAndAwaitHandled(note, handled);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Await.until("every handled event committed", CommitCounter::everythingConsumedIsCommitted);
        int commits = CommitCounter.COMMITS.get() - commitsBefore;

        // one a second at most, one more for what was pending when the count began and one for the last second
        assertThat(commits)
                .as("%d events handled one at a time in %d ms: not a commit per event", EVENTS, elapsedMillis)
                .isPositive()
                .isLessThanOrEqualTo((int) (elapsedMillis / 1000) + 2);
    }

    private void sendAndAwaitHandled(UUID note, int handled) {
        TestEvents.send(
                EventEnvelope.of(
                        UserEvents.UPDATED,
                        "/test",
                        note.toString(),
                        null,
                        new UserEvents.UserUpdated(note, "n", "update " + handled, null, null, Instant.now())),
                note.toString());
        Await.until(
                "update " + handled + " handled",
                () -> jdbc.queryForObject(
                                "select count(*) from received_note_event where note_id = ?", Long.class, note)
                        == handled);
    }

    /** Counts the commits of the service's consumers of the user topic and what they consumed and committed. */
    public static class CommitCounter implements ConsumerInterceptor<String, String> {
        static final AtomicInteger COMMITS = new AtomicInteger();
        private static final Map<TopicPartition, Long> CONSUMED = new ConcurrentHashMap<>();
        private static final Map<TopicPartition, Long> COMMITTED = new ConcurrentHashMap<>();

        static boolean everythingConsumedIsCommitted() {
            return CONSUMED.entrySet().stream()
                    .allMatch(consumed -> COMMITTED.getOrDefault(consumed.getKey(), 0L) >= consumed.getValue());
        }

        @Override
        public ConsumerRecords<String, String> onConsume(ConsumerRecords<String, String> records) {
            // the offset a commit of everything consumed names: the next one
            records.forEach(record -> {
                if (record.topic().equals(Topics.USER)) {
                    CONSUMED.merge(
                            new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
                }
            });
            return records;
        }

        @Override
        public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (offsets.keySet().stream()
                    .anyMatch(partition -> partition.topic().equals(Topics.USER))) {
                COMMITS.incrementAndGet();
                offsets.forEach((partition, offset) -> COMMITTED.merge(partition, offset.offset(), Math::max));
            }
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }
}
