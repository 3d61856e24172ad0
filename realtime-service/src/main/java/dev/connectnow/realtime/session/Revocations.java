package dev.connectnow.realtime.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bans and revoked sessions seen on the user topic, remembered as long as an access token issued before them
 * can still be valid (token lifetime + clock skew): an IDENTIFY or RESUME with such a token is refused (4003)
 * although its signature is fine. auth-service issues no new tokens to a banned user or a revoked session, so
 * nothing needs remembering longer.
 */
public final class Revocations {

    private final Duration memory;
    private final Map<UUID, Instant> bannedUsers = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> revokedSessions = new ConcurrentHashMap<>();

    public Revocations(Duration memory) {
        this.memory = memory;
    }

    public void banned(UUID userId, Instant at) {
        bannedUsers.merge(userId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** An unban lifts the ban for tokens issued from now on; older tokens were revoked with their sessions. */
    public void unbanned(UUID userId) {
        bannedUsers.remove(userId);
    }

    public void sessionRevoked(UUID sessionId, Instant at) {
        revokedSessions.merge(sessionId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Whether a token of this user and session, issued at {@code issuedAt}, must be refused. */
    public boolean isRevoked(UUID userId, UUID sessionId, Instant issuedAt) {
        Instant bannedAt = bannedUsers.get(userId);
        if (bannedAt != null && (issuedAt == null || !issuedAt.isAfter(bannedAt))) {
            return true;
        }
        return revokedSessions.containsKey(sessionId);
    }

    public void forgetOlderThan(Instant now) {
        Instant horizon = now.minus(memory);
        bannedUsers.values().removeIf(at -> at.isBefore(horizon));
        revokedSessions.values().removeIf(at -> at.isBefore(horizon));
    }

    public int size() {
        return bannedUsers.size() + revokedSessions.size();
    }
}
