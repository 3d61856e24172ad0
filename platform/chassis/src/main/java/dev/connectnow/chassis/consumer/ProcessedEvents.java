package dev.connectnow.chassis.consumer;

import dev.connectnow.chassis.config.ChassisProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * De-duplication for consumers: an event id is recorded in the same transaction as its effect, so a
 * redelivered event (Kafka is at least once, the outbox may re-send) finds its id and does nothing.
 * Ids are forgotten after the retention period; redeliveries happen within minutes, not days.
 */
public class ProcessedEvents implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProcessedEvents.class);

    private final JdbcTemplate jdbc;
    private final ChassisProperties.Consumer settings;
    private final Clock clock;
    private ScheduledExecutorService janitor;

    public ProcessedEvents(JdbcTemplate jdbc, ChassisProperties.Consumer settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Records that {@code consumer} handled {@code eventId}; returns false if it already had, in which case
     * the caller must skip the effect. Must run in the transaction that applies the effect.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        return jdbc.update(
                        "insert into processed_event (consumer, event_id, processed_at) values (?, ?, ?)"
                                + " on conflict do nothing",
                        consumer,
                        eventId,
                        Timestamp.from(clock.instant()))
                == 1;
    }

    /** Forgets ids recorded before the cutoff; the janitor calls it hourly with now minus the retention. */
    public int purgeOlderThan(Instant cutoff) {
        return jdbc.update("delete from processed_event where processed_at < ?", Timestamp.from(cutoff));
    }

    @Override
    public synchronized void start() {
        janitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "processed-events-janitor");
            thread.setDaemon(true);
            return thread;
        });
        janitor.scheduleWithFixedDelay(
                () -> {
                    try {
                        purgeOlderThan(clock.instant().minus(settings.getDedupRetention()));
                    } catch (RuntimeException e) {
                        log.warn(
                                "Could not purge processed event ids: {}",
                                e.getClass().getSimpleName());
                    }
                },
                1,
                60,
                TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (janitor != null) {
            janitor.shutdownNow();
            janitor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return janitor != null;
    }
}
