package dev.connectnow.chassis.outbox;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records domain events in the service's own database, in the transaction that changes the state they
 * describe; {@link OutboxRelay} sends them to Kafka after commit. A request therefore never waits on
 * Kafka, and an event exists if and only if its state change committed.
 */
public class OutboxPublisher {

    private final JdbcTemplate jdbc;
    private final EventJson json;
    private final String source;
    private final OutboxRelay relay;
    private final Clock clock;

    /**
     * @param relay nudged after each commit so events leave at once; {@code null} when the relay is disabled
     * @param clock the service's clock: an event's {@code time} is the time of the change it describes
     */
    public OutboxPublisher(JdbcTemplate jdbc, EventJson json, String applicationName, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.source = "/" + applicationName;
        this.relay = relay;
        this.clock = clock;
    }

    /** Publishes an event keyed by its subject (the aggregate id). Must run inside a transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> publish(EventType<T> type, Object subject, T data) {
        return publish(type, subject, null, data);
    }

    /** As {@link #publish(EventType, Object, Object)} with a per-aggregate sequence number. */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> publish(EventType<T> type, Object subject, Long sequence, T data) {
        return publishKeyed(type, String.valueOf(subject), String.valueOf(subject), sequence, data);
    }

    /** For topics keyed by something other than the subject (messages: keyed by channel, about a message). */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> EventEnvelope<T> publishKeyed(EventType<T> type, String key, String subject, Long sequence, T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, source, subject, sequence, data, clock.instant());
        jdbc.update(
                """
                        insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
                        values (?, ?, ?, ?, ?, ?)""",
                envelope.id(),
                type.topic(),
                key,
                type.name(),
                json.write(envelope),
                Timestamp.from(envelope.time()));
        if (relay != null && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.nudge();
                }
            });
        }
        return envelope;
    }
}
