package dev.connectnow.message.post;

import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import dev.connectnow.message.reaction.ReactionStore.ReactionSummary;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The message resource of the REST API; a deleted message has no content, reactions or attachments. */
public record MessageView(
        UUID id,
        UUID channelId,
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
        List<ReactionSummary> reactions,
        List<AttachmentPayload> attachments) {

    static MessageView of(Message m, List<ReactionSummary> reactions, List<AttachmentPayload> attachments) {
        return new MessageView(
                m.getId(),
                m.getChannelId(),
                m.getUserId(),
                m.getContent(),
                m.getType(),
                m.getParentId(),
                m.getSeq(),
                m.getReplyCount(),
                m.isEdited(),
                m.getEditedAt(),
                m.isDeleted(),
                m.getDeletedAt(),
                m.isPinned(),
                m.getPinnedAt(),
                m.getVersion(),
                m.getCreatedAt(),
                m.getUpdatedAt(),
                m.isDeleted() ? List.of() : reactions,
                m.isDeleted() ? List.of() : attachments);
    }
}
