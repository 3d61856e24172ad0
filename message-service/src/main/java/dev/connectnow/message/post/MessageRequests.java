package dev.connectnow.message.post;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.events.message.MessageEvents.MessageType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the message API (see docs/message.md). */
public final class MessageRequests {

    /** Longest message, in code points (PostgreSQL's varchar counts the same way). */
    public static final int MAX_CONTENT = 4000;

    /**
     * A new message or reply. {@code content} may be empty only when files are attached; {@code type} is
     * derived from the attachments when absent and must agree with them when present.
     */
    public record PostMessageRequest(
            @CodePoints(max = MAX_CONTENT) String content,
            MessageType type,
            UUID parentId,
            @Size(max = 10) List<@NotNull UUID> attachmentIds) {

        public List<UUID> attachments() {
            return attachmentIds == null ? List.of() : attachmentIds;
        }
    }

    /** An edit made on top of {@code version}. */
    public record EditMessageRequest(
            @NotNull @CodePoints(max = MAX_CONTENT) String content,
            @NotNull Long version) {}

    private MessageRequests() {}
}
