package dev.connectnow.dm.message;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.dm.conversation.DirectMessage;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the direct message API (see docs/dm.md). */
public final class DirectMessageViews {

    /** Most files on one message. */
    public static final int MAX_ATTACHMENTS = 10;

    /**
     * The direct message resource: {@code dm.message.*}'s payload without {@code participantIds}. A deleted
     * message has {@code content: null} and no attachments.
     */
    public record DirectMessageView(
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

    /**
     * {@code content} may be empty or absent only with attachments; {@code type} defaults to TEXT and cannot
     * be SYSTEM; {@code attachmentIds} are uploads of the sender (message-service), each at most once.
     */
    public record SendMessageRequest(
            @CodePoints(max = DirectMessage.MAX_CONTENT) String content,
            MessageType type,
            @Size(max = MAX_ATTACHMENTS) List<@NotNull UUID> attachmentIds) {}

    /** {@code version} is the one the editor read: a newer current version is a 409. */
    public record EditMessageRequest(
            @NotNull @CodePoints(max = DirectMessage.MAX_CONTENT)
            String content,

            @NotNull Long version) {}

    private DirectMessageViews() {}
}
