package dev.connectnow.message.post;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.events.message.MessageEvents.MessageType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/channels/{id}/messages}: a new message or thread reply. {@code content} may be empty
 * only when files are attached; {@code type} is derived from the attachments when absent and must agree with
 * them when present. {@code clientMessageId}, a UUID the client makes for the message, makes the post safe to
 * repeat: a repeat answers the message the first one created.
 */
public record PostMessageRequest(
        @CodePoints(max = Message.MAX_CONTENT) String content,
        MessageType type,
        UUID parentId,
        @Size(max = 10) List<@NotNull UUID> attachmentIds,
        UUID clientMessageId) {

    public List<UUID> attachments() {
        return attachmentIds == null ? List.of() : attachmentIds;
    }
}
