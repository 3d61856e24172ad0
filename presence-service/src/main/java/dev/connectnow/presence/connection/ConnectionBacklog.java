package dev.connectnow.presence.connection;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far this replica's consumers have read the connection topic, per partition, in the producers' event time.
 * A partition is behind while a record of it is being applied and after a record that left others waiting; it
 * has then been read through the time of that record (everything produced before it was applied). A partition
 * whose last record left nothing waiting is caught up. Leases are judged on the read-through time while any
 * partition is behind, so a heartbeat that waits in Kafka behind a burst of socket events still counts (R10
 * under lag). Plain and thread-safe: each consumer thread writes its own partitions, the lease check reads.
 */
public final class ConnectionBacklog {

    private record Reading(boolean behind, Instant readThrough) {}

    private final Map<Integer, Reading> partitions = new ConcurrentHashMap<>();

    /** A record of {@code partition} produced at {@code eventTime} is about to be applied. */
    public void reading(int partition, Instant eventTime) {
        partitions.put(partition, new Reading(true, eventTime));
    }

    /**
     * The record was applied (or handed to the error handler, which retries or dead-letters it); {@code waiting}
     * records of the partition are known to follow it.
     */
    public void applied(int partition, Instant eventTime, long waiting) {
        partitions.put(partition, new Reading(waiting > 0, eventTime));
    }

    /** The partitions went to another consumer, which reports them from now on. */
    public void revoked(Collection<Integer> revoked) {
        revoked.forEach(partitions::remove);
    }

    /** The oldest read-through time of the partitions that are behind; empty when every one is caught up. */
    public Optional<Instant> readThrough() {
        return partitions.values().stream()
                .filter(Reading::behind)
                .map(Reading::readThrough)
                .min(Instant::compareTo);
    }

    /**
     * The time leases are judged on: {@code now}, or the oldest read-through time of any replica's consumer
     * that is behind, if earlier (a lease that ran out after it may have been renewed by a heartbeat not read
     * yet).
     */
    public static Instant leaseTime(Instant now, Collection<Instant> readThroughs) {
        return readThroughs.stream()
                .filter(now::isAfter)
                .min(Instant::compareTo)
                .orElse(now);
    }
}
