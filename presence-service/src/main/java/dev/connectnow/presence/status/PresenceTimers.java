package dev.connectnow.presence.status;

import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the time-based transitions — ONLINE to AWAY after {@code away-after} without activity, and OFFLINE once
 * the offline grace is over — every {@code timer-interval}, in batches, each batch its own transaction. Time
 * comes from the injected clock, so a test that holds the clock still holds these transitions too. Safe on
 * any number of replicas: rows are claimed with {@code skip locked}.
 */
@Component
public class PresenceTimers {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(PresenceTimers.class);

    private final PresenceUpdater updater;

    public PresenceTimers(PresenceUpdater updater) {
        this.updater = updater;
    }

    @Scheduled(fixedDelayString = "${connectnow.presence.timer-interval:1s}")
    public void run() {
        try {
            drain(updater::settleIdle);
            drain(updater::settleOfflineDue);
        } catch (RuntimeException e) {
            // the database is away: the next run catches up, nothing is lost
            log.warn("Presence timers could not run: {}", e.getClass().getSimpleName());
        }
    }

    private static void drain(IntUnaryOperator batch) {
        while (batch.applyAsInt(BATCH) == BATCH) {
            // every row of a full batch changed: more may be due
        }
    }
}
