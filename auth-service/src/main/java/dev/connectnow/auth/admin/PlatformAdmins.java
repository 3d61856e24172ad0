package dev.connectnow.auth.admin;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who may run platform-wide admin actions: the usernames or user ids listed in
 * {@code connectnow.auth.admins}. Configuration rather than a role column, because there are few such
 * people and granting it should take a deployment, not one compromised admin's API call.
 */
public final class PlatformAdmins {

    private final Set<String> entries;

    public PlatformAdmins(Collection<String> configured) {
        this.entries = configured.stream()
                .filter(entry -> entry != null && !entry.isBlank())
                .map(entry -> entry.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean includes(UUID userId, String username) {
        return entries.contains(userId.toString())
                || (username != null && entries.contains(username.toLowerCase(Locale.ROOT)));
    }
}
