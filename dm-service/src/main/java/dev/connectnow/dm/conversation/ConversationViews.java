package dev.connectnow.dm.conversation;

import dev.connectnow.dm.user.PublicProfile;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the conversation API (see docs/dm.md). */
public final class ConversationViews {

    /**
     * A conversation as one participant sees it: the other participant's public profile and how many of
     * their messages the viewer has not read.
     */
    public record ConversationView(
            UUID id,
            PublicProfile otherUser,
            Instant lastMessageAt,
            long unreadCount,
            Instant createdAt,
            Instant updatedAt) {}

    public record FindOrCreateRequest(@NotNull UUID userId) {}

    public record MarkReadRequest(@NotNull UUID messageId) {}

    private ConversationViews() {}
}
