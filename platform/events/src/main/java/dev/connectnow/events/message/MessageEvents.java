package dev.connectnow.events.message;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events of the message context (message-service), keyed by channel id on {@value Topics#MESSAGE} so one
 * channel's events stay in order. The envelope's {@code sequence} is the message's per-channel {@code seq}
 * (for reactions: the seq of the message reacted to).
 *
 * <p>Every {@code message.*} payload is the message resource of the REST API after the change, plus the
 * routing fields {@code workspaceId} and {@code mentionedUserIds}; reactions are aggregated without the
 * viewer-specific {@code me}. A deleted message has {@code content: null} and no attachments, in events as in
 * REST.
 */
public final class MessageEvents {

    public static final EventType<MessagePayload> CREATED =
            EventType.define("message.created", Topics.MESSAGE, MessagePayload.class);
    public static final EventType<MessagePayload> UPDATED =
            EventType.define("message.updated", Topics.MESSAGE, MessagePayload.class);
    public static final EventType<MessagePayload> DELETED =
            EventType.define("message.deleted", Topics.MESSAGE, MessagePayload.class);
    public static final EventType<MessagePayload> PINNED =
            EventType.define("message.pinned", Topics.MESSAGE, MessagePayload.class);
    public static final EventType<MessagePayload> UNPINNED =
            EventType.define("message.unpinned", Topics.MESSAGE, MessagePayload.class);
    public static final EventType<ReactionChanged> REACTION_ADDED =
            EventType.define("reaction.added", Topics.MESSAGE, ReactionChanged.class);
    public static final EventType<ReactionChanged> REACTION_REMOVED =
            EventType.define("reaction.removed", Topics.MESSAGE, ReactionChanged.class);

    /** What a message is; clients never post {@code SYSTEM}, the service writes those itself. */
    public enum MessageType {
        TEXT,
        IMAGE,
        FILE,
        VIDEO,
        AUDIO,
        SYSTEM
    }

    /** The metadata of a stored file; the bytes are served at {@code fileUrl}. */
    public record AttachmentPayload(
            UUID id,
            String fileName,
            String fileUrl,
            long fileSize,
            String mimeType,
            String thumbnailUrl,
            Integer width,
            Integer height) {}

    /** One emoji on a message and how many users reacted with it. */
    public record ReactionCount(String emoji, long count) {}

    /** The message resource after the change, plus routing fields. */
    public record MessagePayload(
            UUID id,
            UUID channelId,
            UUID workspaceId,
            UUID userId,
            String content,
            MessageType type,
            UUID parentId,
            long seq,
            int replyCount,
            boolean isEdited,
            Instant editedAt,
            boolean isDeleted,
            Instant deletedAt,
            boolean isPinned,
            Instant pinnedAt,
            long version,
            Instant createdAt,
            Instant updatedAt,
            List<ReactionCount> reactions,
            List<AttachmentPayload> attachments,
            List<UUID> mentionedUserIds) {}

    /**
     * Payload of {@code reaction.added|removed}: who added or removed which emoji, and the emoji's count on the
     * message after the change.
     */
    public record ReactionChanged(
            UUID messageId,
            UUID channelId,
            UUID workspaceId,
            UUID parentId,
            UUID userId,
            String emoji,
            long count,
            Instant changedAt) {}

    private MessageEvents() {}
}
