package dev.connectnow.dm.conversation;

import dev.connectnow.dm.user.PublicProfile;
import java.time.Instant;
import java.util.UUID;

/**
 * A conversation as one participant sees it: the other participant's public profile and how many of their
 * messages the viewer has not read.
 */
record ConversationView(
        UUID id,
        PublicProfile otherUser,
        Instant lastMessageAt,
        long unreadCount,
        Instant createdAt,
        Instant updatedAt) {}
