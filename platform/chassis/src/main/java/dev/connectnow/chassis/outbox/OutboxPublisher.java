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
 * Kafka, and an event exists if and only if its state change committed. A commit nudges this JVM's relay,
 * which wakes itself if it leads or has the leader on another replica notified (PostgreSQL {@code NOTIFY}).
 */
public class OutboxPublisher {

    /**
     * Without a running relay in this JVM ({@code connectnow.outbox.enabled=false}, or shutting down): the row and
     * the leader's wake-up in one round trip. PostgreSQL delivers the notification on commit only (never for a
     * rolled-back row), once per transaction however many events it holds.
     */
    private static final String INSERT_AND_WAKE_LEADER = """
            with wake_relay as (select pg_notify('%s', ''))
            insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
            select ?::uuid, ?, ?, ?, ?, ?::timestamptz from wake_relay""".formatted(OutboxRelay.CHANNEL);

    /**
     * With a running relay the wake-up leaves the transaction: commits that {@code NOTIFY} serialize on PostgreSQL's
     * notification queue lock, which took 10–30 % of the writers' throughput in {@code bench outbox}; the relay
     * notifies once for many commits, after them, when the leader is elsewhere.
     */
    private static final String INSERT = """
            insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
            values (?::uuid, ?, ?, ?, ?, ?::timestamptz)""";

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
        boolean nudgeAfterCommit =
                relay != null && relay.isRunning() && TransactionSynchronizationManager.isSynchronizationActive();
        jdbc.update(
                nudgeAfterCommit ? INSERT : INSERT_AND_WAKE_LEADER,
                envelope.id(),
                type.topic(),
                key,
                type.name(),
                json.write(envelope),
                Timestamp.from(envelope.time()));
        if (nudgeAfterCommit) {
            // a wake-up lost to a crash between commit and nudge (or a relay stopping meanwhile) is found by the
            // leader's poll; a leadership move by the new leader's start-up pass
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
