package dev.connectnow.dm.user;

import java.util.UUID;

/** What anyone may see of a user: the other participant of a conversation, as conversation lists show it. */
public record PublicProfile(UUID id, String username, String displayName, String avatarUrl) {}
