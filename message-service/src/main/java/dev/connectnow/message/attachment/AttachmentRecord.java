package dev.connectnow.message.attachment;

import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import java.time.Instant;
import java.util.UUID;

/**
 * One stored file and where it belongs: unattached (only its uploader sees it), attached to a channel message,
 * or claimed by a direct message — never both.
 */
public record AttachmentRecord(
        UUID id,
        UUID uploaderId,
        String fileName,
        String fileUrl,
        long fileSize,
        String mimeType,
        String thumbnailUrl,
        Integer width,
        Integer height,
        String storageKey,
        String thumbnailKey,
        UUID messageId,
        UUID directMessageId,
        UUID conversationId,
        Instant deletedAt,
        Instant createdAt) {

    public boolean isUnattached() {
        return messageId == null && directMessageId == null;
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    /** The view clients and events get (the REST shape of an attachment). */
    public AttachmentPayload payload() {
        return new AttachmentPayload(id, fileName, fileUrl, fileSize, mimeType, thumbnailUrl, width, height);
    }
}
