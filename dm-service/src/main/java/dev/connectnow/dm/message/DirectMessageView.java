package dev.connectnow.dm.message;

import dev.connectnow.dm.conversation.DirectMessage;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The direct message resource: {@code dm.message.*}'s payload without {@code participantIds}. A deleted
 * message has {@code content: null} and no attachments.
 */
record DirectMessageView(
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
        List<AttachmentPayload> attachments) {

    public static DirectMessageView of(DirectMessage m) {
        return new DirectMessageView(
                m.getId(),
                m.getConversationId(),
                m.getSenderId(),
                m.getContent(),
                m.getType(),
                m.getSeq(),
                m.isEdited(),
                m.getEditedAt(),
                m.isDeleted(),
                m.getDeletedAt(),
                m.isRead(),
                m.getReadAt(),
                m.getVersion(),
                m.getCreatedAt(),
                m.getUpdatedAt(),
                m.getAttachments());
    }
}
