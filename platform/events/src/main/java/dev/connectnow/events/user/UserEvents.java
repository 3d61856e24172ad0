package dev.connectnow.events.user;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of the user context (auth-service), keyed by user id on {@value Topics#USER}. Payloads carry the
 * public profile only: e-mail addresses never leave auth-service.
 */
public final class UserEvents {

    public static final EventType<UserRegistered> REGISTERED =
            EventType.define("user.registered", Topics.USER, UserRegistered.class);
    public static final EventType<UserUpdated> UPDATED =
            EventType.define("user.updated", Topics.USER, UserUpdated.class);
    public static final EventType<UserBanned> BANNED = EventType.define("user.banned", Topics.USER, UserBanned.class);
    public static final EventType<UserUnbanned> UNBANNED =
            EventType.define("user.unbanned", Topics.USER, UserUnbanned.class);
    public static final EventType<SessionRevoked> SESSION_REVOKED =
            EventType.define("session.revoked", Topics.USER, SessionRevoked.class);

    /** Why a session ended before it expired. */
    public enum RevocationReason {
        LOGOUT,
        REVOKED_BY_USER,
        PASSWORD_CHANGED,
        BANNED,
        REFRESH_TOKEN_REUSED,
        SESSION_LIMIT
    }

    public record UserRegistered(
            UUID userId, String username, String displayName, String avatarUrl, Instant createdAt) {}

    public record UserUpdated(
            UUID userId, String username, String displayName, String avatarUrl, String bio, Instant updatedAt) {}

    public record UserBanned(UUID userId, String reason, Instant bannedAt) {}

    public record UserUnbanned(UUID userId, Instant unbannedAt) {}

    /**
     * A session (device) ended before its expiry; its access tokens stop working everywhere and realtime-service
     * closes its sockets. Keyed by user id like every event of this topic.
     */
    public record SessionRevoked(UUID userId, UUID sessionId, RevocationReason reason, Instant revokedAt) {}

    private UserEvents() {}
}
