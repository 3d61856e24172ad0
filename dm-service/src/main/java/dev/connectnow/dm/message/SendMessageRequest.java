package dev.connectnow.dm.message;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.dm.conversation.DirectMessage;
import dev.connectnow.events.message.MessageEvents.MessageType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/dm/conversations/{id}/messages}: {@code content} may be empty or absent only with
 * attachments; {@code type}, if sent, must be the one the files make (never SYSTEM); {@code attachmentIds}
 * are uploads of the sender (message-service), each at most once.
 */
record SendMessageRequest(
        @CodePoints(max = DirectMessage.MAX_CONTENT) String content,
        MessageType type,
        @Size(max = SendMessageRequest.MAX_ATTACHMENTS) List<@NotNull UUID> attachmentIds,
        UUID clientMessageId) {

    /** Most files on one message (message-service's limit too). */
    static final int MAX_ATTACHMENTS = 10;
}
