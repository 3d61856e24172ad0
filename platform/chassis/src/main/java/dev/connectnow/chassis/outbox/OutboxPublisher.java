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
 * Kafka, and an event exists if and only if its state change committed. A commit nudges this JVM's relay
 * directly; when the relay leader is on another replica, the same statement also notifies it (PostgreSQL
 * {@code NOTIFY}, delivered at commit).
 */
public class OutboxPublisher {

    /**
     * On a replica that does not lead: one round trip for the row and the relay leader's wake-up. PostgreSQL
     * delivers the notification on commit only (never for a rolled-back row), once per transaction however many
     * events it holds.
     */
    private static final String INSERT_AND_WAKE_LEADER = """
            with wake_relay as (select pg_notify('%s', ''))
            insert into outbox_event (event_id, topic, event_key, event_type, payload, created_at)
            select ?::uuid, ?, ?, ?, ?, ?::timestamptz from wake_relay""".formatted(OutboxRelay.CHANNEL);

    /**
     * On the leader's own replica the commit's in-process nudge wakes it: a {@code NOTIFY} would only add its cost,
     * and it is not small — commits that notify serialize on PostgreSQL's notification queue lock and wake the
     * leader's listening session, which took 10–20 % of the writers' throughput in {@code bench outbox}.
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
        // leadership can move between here and the commit (the leader's connection broke): the new leader then
        // finds the event on its start-up pass, at the next wake-up or at the latest on its poll
        boolean leaderHere = relay != null && relay.isLeader();
        jdbc.update(
                leaderHere ? INSERT : INSERT_AND_WAKE_LEADER,
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
