package dev.connectnow.events.dm;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events of the direct-message context (dm-service), keyed by conversation id on {@value Topics#DM}. Every
 * payload names both participants ({@code participantIds}, the smaller id first) so the realtime tier can
 * route it without a lookup. The envelope's {@code sequence} is the message's per-conversation {@code seq}
 * (for {@code dm.message.read}: the seq read up to).
 */
public final class DmEvents {

    public static final EventType<ConversationPayload> CONVERSATION_CREATED =
            EventType.define("dm.conversation.created", Topics.DM, ConversationPayload.class);
    public static final EventType<DirectMessagePayload> MESSAGE_CREATED =
            EventType.define("dm.message.created", Topics.DM, DirectMessagePayload.class);
    public static final EventType<DirectMessagePayload> MESSAGE_UPDATED =
            EventType.define("dm.message.updated", Topics.DM, DirectMessagePayload.class);
    public static final EventType<DirectMessagePayload> MESSAGE_DELETED =
            EventType.define("dm.message.deleted", Topics.DM, DirectMessagePayload.class);
    public static final EventType<MessagesRead> MESSAGE_READ =
            EventType.define("dm.message.read", Topics.DM, MessagesRead.class);

    /** A conversation between two users; {@code userAId < userBId}. */
    public record ConversationPayload(
            UUID id, UUID userAId, UUID userBId, List<UUID> participantIds, Instant createdAt) {}

    /**
     * The direct message resource after the change, plus the participants. A deleted message has
     * {@code content: null} and no attachments.
     */
    public record DirectMessagePayload(
            UUID id,
            UUID conversationId,
            UUID senderId,
            String content,
            MessageType type,
            long seq,
            boolean isEdited,
            Instant editedAt,
            boolean isDeleted,
            Instant deletedAt,
            boolean isRead,
            Instant readAt,
            long version,
            Instant createdAt,
            Instant updatedAt,
            List<AttachmentPayload> attachments,
            List<UUID> participantIds) {}

    /**
     * {@code readerId} has read the other participant's messages up to and including {@code upToMessageId}
     * ({@code upToSeq}); sent only when the read position moved forward.
     */
    public record MessagesRead(
            UUID conversationId,
            UUID readerId,
            UUID upToMessageId,
            long upToSeq,
            Instant readAt,
            List<UUID> participantIds) {}

    private DmEvents() {}
}
