package dev.connectnow.auth.user;

import java.util.UUID;

/** What anyone signed in may see of a user: never the e-mail address. */
public record PublicProfile(UUID id, String username, String displayName, String avatarUrl, String bio) {

    public static PublicProfile of(User user) {
        return new PublicProfile(
                user.getId(), user.getUsername(), user.getDisplayName(), user.getAvatarUrl(), user.getBio());
    }
}
