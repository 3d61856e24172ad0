package dev.connectnow.message.attachment;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;

/** Body of {@code POST /internal/attachments/claim} (contract 1): the caller's uploads for one direct message. */
public record ClaimRequest(
        @NotEmpty List<@NotNull UUID> attachmentIds,
        @NotNull UUID directMessageId,
        @NotNull UUID conversationId) {}
