package dev.connectnow.presence.connection;

import dev.connectnow.presence.status.PresenceProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This replica's {@link ConnectionBacklog}, shared through {@code connection_readers} so that the lease check of
 * every replica knows whether any consumer of the connection topic is behind, and how far it has read. Each
 * lease check publishes this replica's read-through time and judges on the oldest one published within a lease
 * (a replica that stopped publishing is gone; its partitions are read by another one).
 */
@Component
public class ConnectionProgress {

    private final ConnectionBacklog backlog = new ConnectionBacklog();
    private final UUID readerId = UUID.randomUUID();
    private final AtomicLong behindMillis = new AtomicLong();
    private final JdbcTemplate jdbc;
    private final PresenceProperties properties;

    public ConnectionProgress(JdbcTemplate jdbc, PresenceProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        Gauge.builder("connectnow.presence.connection.behind", behindMillis, ms -> ms.get() / 1000.0)
                .description("how far behind the service clock leases are judged: the connection consumers' backlog")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Called by the listener before it applies {@code record}, produced at {@code eventTime}. */
    public void reading(ConsumerRecord<?, ?> record, Instant eventTime) {
        backlog.reading(record.partition(), eventTime);
    }

    /** Called by the listener after {@code record} was applied or failed, on the consumer's own thread. */
    public void applied(ConsumerRecord<?, ?> record, Instant eventTime, Consumer<?, ?> consumer) {
        backlog.applied(record.partition(), eventTime, waitingAfter(record, consumer));
    }

    public void revoked(Collection<TopicPartition> partitions) {
        backlog.revoked(partitions.stream().map(TopicPartition::partition).toList());
    }

    /**
     * Publishes this replica's read-through time and returns the time leases are judged on at {@code now}
     * ({@link ConnectionBacklog#leaseTime}).
     */
    public Instant leaseTime(Instant now) {
        Instant own = backlog.readThrough().orElse(null);
        jdbc.update("""
                        insert into connection_readers (reader_id, read_through, reported_at) values (?, ?, ?)
                        on conflict (reader_id) do update set read_through = excluded.read_through,
                            reported_at = excluded.reported_at
                        where connection_readers.reported_at <= excluded.reported_at""", readerId, timestamp(own), timestamp(now));
        List<Instant> readThroughs = jdbc
                .queryForList(
                        "select read_through from connection_readers where read_through is not null and reported_at >= ?",
                        Timestamp.class,
                        timestamp(now.minus(properties.instanceLease())))
                .stream()
                .map(Timestamp::toInstant)
                .toList();
        Instant leaseTime = ConnectionBacklog.leaseTime(now, readThroughs);
        behindMillis.set(Duration.between(leaseTime, now).toMillis());
        return leaseTime;
    }

    /** Forgets readers that stopped publishing before {@code cutoff}. */
    public int purgeSilentBefore(Instant cutoff) {
        return jdbc.update("delete from connection_readers where reported_at < ?", timestamp(cutoff));
    }

    /**
     * Records of the partition known to wait after {@code record}: those the last poll returned after it, plus
     * the consumer's lag behind the end offset it last saw (local metadata, no request).
     */
    private static long waitingAfter(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            long polledAfter = Math.max(0, consumer.position(partition) - record.offset() - 1);
            return polledAfter + consumer.currentLag(partition).orElse(0);
        } catch (RuntimeException e) {
            return 0; // the partition was revoked meanwhile: its new owner reports it
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
