package dev.connectnow.auth.session;

import dev.connectnow.auth.throttle.AttemptThrottle;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Deletes what no rule needs any more: long-ended sessions (with their spent tokens) and stale throttle rows. */
@Component
public class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);

    private final SessionRepository sessions;
    private final AttemptThrottle throttle;
    private final Clock clock;
    private final Duration retention;

    public Housekeeping(
            SessionRepository sessions, AttemptThrottle throttle, Clock clock, SessionProperties properties) {
        this.sessions = sessions;
        this.throttle = throttle;
        this.clock = clock;
        this.retention = properties.housekeeping().endedSessionRetention();
    }

    @Scheduled(
            fixedDelayString = "${connectnow.auth.housekeeping.interval:10m}",
            initialDelayString = "${connectnow.auth.housekeeping.interval:10m}")
    @Transactional
    public void purge() {
        int ended = sessions.deleteEndedBefore(clock.instant().minus(retention));
        int attempts = throttle.purgeOlderThan(throttle.longestWindow());
        if (ended + attempts > 0) {
            log.debug("Housekeeping removed {} ended session(s) and {} throttle row(s)", ended, attempts);
        }
    }
}
