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
    public static final EventType<UserBanned> BANNED =
            EventType.define("user.banned", Topics.USER, UserBanned.class);
    public static final EventType<UserUnbanned> UNBANNED =
            EventType.define("user.unbanned", Topics.USER, UserUnbanned.class);

    public record UserRegistered(UUID userId, String username, String displayName, String avatarUrl,
                                 Instant createdAt) {
    }

    public record UserUpdated(UUID userId, String username, String displayName, String avatarUrl, String bio,
                              Instant updatedAt) {
    }

    public record UserBanned(UUID userId, String reason, Instant bannedAt) {
    }

    public record UserUnbanned(UUID userId, Instant unbannedAt) {
    }

    private UserEvents() {
    }
}
