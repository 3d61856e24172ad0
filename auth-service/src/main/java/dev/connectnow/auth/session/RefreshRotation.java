package dev.connectnow.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a presented refresh token leads to. Pure: the service feeds it what the database holds.
 *
 * <ul>
 *   <li>the token is some session's current token, the session is live and its user not banned: rotate;</li>
 *   <li>the token was already rotated away from (it is "spent"): it has been copied, or a client replayed it,
 *   so the session is revoked and with it the newest token (RFC 9700 §4.14.2 reuse detection);</li>
 *   <li>anything else (revoked or expired session, unknown token): refuse, change nothing.</li>
 * </ul>
 */
public final class RefreshRotation {

    public sealed interface Decision {}

    /** Issue a new token; the session now expires at {@code newExpiry}. */
    public record Rotate(Instant newExpiry) implements Decision {}

    /** A spent token came back: revoke the session it belonged to. */
    public record RevokeForReuse(UUID sessionId) implements Decision {}

    public record Refuse(String reason) implements Decision {}

    /** The state of the session whose current token matched. */
    public record LiveState(Instant createdAt, Instant expiresAt, Instant revokedAt, boolean userBanned) {}

    /**
     * @param matched             the session whose current token hash equals the presented one, or null
     * @param sessionOfSpentToken the session that had this token before rotating, or null
     */
    public static Decision decide(
            LiveState matched, UUID sessionOfSpentToken, Instant now, Duration sessionTtl, Duration maxLifetime) {
        if (matched != null) {
            if (matched.revokedAt() != null) {
                return new Refuse("session revoked");
            }
            if (!matched.expiresAt().isAfter(now)) {
                return new Refuse("session expired");
            }
            if (matched.userBanned()) {
                return new Refuse("account banned");
            }
            return new Rotate(nextExpiry(matched.createdAt(), now, sessionTtl, maxLifetime));
        }
        if (sessionOfSpentToken != null) {
            return new RevokeForReuse(sessionOfSpentToken);
        }
        return new Refuse("unknown token");
    }

    /** Sliding expiry, capped by the session's absolute lifetime. */
    public static Instant nextExpiry(Instant createdAt, Instant now, Duration sessionTtl, Duration maxLifetime) {
        Objects.requireNonNull(createdAt);
        Instant sliding = now.plus(sessionTtl);
        Instant absolute = createdAt.plus(maxLifetime);
        return sliding.isBefore(absolute) ? sliding : absolute;
    }

    private RefreshRotation() {}
}
