package dev.connectnow.auth.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Device sessions, under {@code connectnow.auth}.
 *
 * @param sessionTtl         a session expires this long after its last refresh (sliding)
 * @param maxSessionLifetime ... but never later than this after the login that opened it
 * @param maxSessionsPerUser active sessions a user may hold; a login beyond it ends the least recently active one
 * @param housekeeping       how often and how long ended sessions are kept
 */
@ConfigurationProperties(prefix = "connectnow.auth")
public record SessionProperties(
        Duration sessionTtl, Duration maxSessionLifetime, int maxSessionsPerUser, Housekeeping housekeeping) {

    public SessionProperties {
        sessionTtl = sessionTtl == null ? Duration.ofDays(30) : sessionTtl;
        maxSessionLifetime = maxSessionLifetime == null ? Duration.ofDays(90) : maxSessionLifetime;
        maxSessionsPerUser = maxSessionsPerUser <= 0 ? 50 : maxSessionsPerUser;
        housekeeping = housekeeping == null ? new Housekeeping(null, null) : housekeeping;
    }

    /**
     * @param interval               how often housekeeping runs (read by the {@code @Scheduled} tasks through
     *                               {@code connectnow.auth.housekeeping.interval})
     * @param endedSessionRetention how long revoked or expired sessions are kept (for operators) before deletion
     */
    public record Housekeeping(Duration interval, Duration endedSessionRetention) {

        public Housekeeping {
            interval = interval == null ? Duration.ofMinutes(10) : interval;
            endedSessionRetention = endedSessionRetention == null ? Duration.ofDays(30) : endedSessionRetention;
        }
    }
}
