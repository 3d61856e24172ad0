package dev.connectnow.auth.user;

import java.time.Instant;
import java.util.UUID;

/** What a user sees of their own account. The only response that carries an e-mail address. */
public record OwnProfile(
        UUID id,
        String email,
        String username,
        String displayName,
        String avatarUrl,
        String bio,
        boolean emailVerified,
        Instant createdAt,
        Instant lastLoginAt) {

    public static OwnProfile of(User user) {
        return new OwnProfile(
                user.getId(),
                user.getEmail(),
                user.getUsername(),
                user.getDisplayName(),
                user.getAvatarUrl(),
                user.getBio(),
                user.isEmailVerified(),
                user.getCreatedAt(),
                user.getLastLoginAt());
    }
}
