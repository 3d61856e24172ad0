package dev.connectnow.presence.connection;

import dev.connectnow.presence.status.PresenceProperties;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps realtime instance leases: every {@code timer-interval} the instances whose lease ran out lose their
 * sockets (R10), one transaction per instance. Leases are judged on the injected clock, held back to how far the
 * connection topic has been read while a consumer is behind ({@link ConnectionProgress}): a heartbeat waiting in
 * Kafka behind a burst of socket events is not a silent instance. Every 10 minutes tombstones and dead
 * instances older than their retention are forgotten. After this service starts, the time it was not listening
 * does not count against any lease: every live lease is extended by one lease, so that heartbeats that waited
 * in Kafka are read before anybody is declared dead.
 */
@Component
public class InstanceLeases {

    static final int PURGE_BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(InstanceLeases.class);

    private final SocketRegistry registry;
    private final ConnectionTracker tracker;
    private final ConnectionProgress progress;
    private final PresenceProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public InstanceLeases(
            SocketRegistry registry,
            ConnectionTracker tracker,
            ConnectionProgress progress,
            PresenceProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.registry = registry;
        this.tracker = tracker;
        this.progress = progress;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void forgiveDowntime() {
        Instant now = clock.instant();
        Integer extended =
                transactions.execute(tx -> registry.extendLiveLeases(now.plus(properties.instanceLease()), now));
        if (extended != null && extended > 0) {
            log.info("Extended {} realtime instance leases while catching up after start", extended);
        }
    }

    @Scheduled(fixedDelayString = "${connectnow.presence.timer-interval:1s}")
    public void expire() {
        try {
            Instant leaseTime = progress.leaseTime(clock.instant());
            for (String instanceId : registry.expiredOrStillHolding(leaseTime)) {
                tracker.expire(instanceId, leaseTime);
            }
        } catch (RuntimeException e) {
            // the database is away: the next run catches up
            log.warn("Instance lease check could not run: {}", e.getClass().getSimpleName());
        }
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purge() {
        try {
            Instant now = clock.instant();
            while (registry.purgeClosedBefore(now.minus(properties.socketTombstoneRetention()), PURGE_BATCH)
                    == PURGE_BATCH) {
                // a full batch: more may be due
            }
            registry.purgeRetiredBefore(now.minus(properties.instanceRetention()));
            progress.purgeSilentBefore(now.minus(properties.instanceRetention()));
        } catch (RuntimeException e) {
            log.warn("Socket tombstone purge could not run: {}", e.getClass().getSimpleName());
        }
    }
}
