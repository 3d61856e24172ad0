package dev.connectnow.auth.session;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Hashes of refresh tokens that their session rotated away from. Plain JDBC on the transaction's own
 * connection (a {@code byte[]} key makes a poor JPA identity); rows go with their session (FK cascade).
 */
@Component
class SpentRefreshTokens {

    private final JdbcTemplate jdbc;

    SpentRefreshTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void record(byte[] hash, UUID sessionId, Instant spentAt) {
        jdbc.update(
                "insert into spent_refresh_tokens (token_hash, session_id, spent_at) values (?, ?, ?)",
                hash,
                sessionId,
                Timestamp.from(spentAt));
    }

    Optional<UUID> sessionOf(byte[] hash) {
        return jdbc
                .query(
                        "select session_id from spent_refresh_tokens where token_hash = ?",
                        (rs, i) -> rs.getObject(1, UUID.class),
                        hash)
                .stream()
                .findFirst();
    }
}
