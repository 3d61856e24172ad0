package dev.connectnow.auth.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code users.last_active_at} and {@code sessions.last_active_at} roughly current from authenticated
 * calls, writing at most once a minute per session: an in-memory note skips the statements in between, and
 * the statements themselves only write when the stored value is older than a minute (so several replicas
 * do not multiply writes either).
 */
@Component
public class SessionActivity {

    static final Duration GRANULARITY = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<UUID, Instant> lastWritten = new ConcurrentHashMap<>();

    public SessionActivity(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void touch(UUID userId, UUID sessionId) {
        Instant now = clock.instant();
        Instant previous = lastWritten.get(sessionId);
        if (previous != null && previous.isAfter(now.minus(GRANULARITY))) {
            return;
        }
        if (lastWritten.size() >= MAX_REMEMBERED) {
            lastWritten.clear(); // bounded memory; the SQL conditions still prevent extra writes
        }
        lastWritten.put(sessionId, now);
        Timestamp at = Timestamp.from(now);
        Timestamp staleBefore = Timestamp.from(now.minus(GRANULARITY));
        jdbc.update(
                "update users set last_active_at = ? where id = ? "
                        + "and (last_active_at is null or last_active_at < ?)",
                at,
                userId,
                staleBefore);
        jdbc.update(
                "update sessions set last_active_at = ? where id = ? and revoked_at is null "
                        + "and last_active_at < ?",
                at,
                sessionId,
                staleBefore);
    }
}
