package dev.connectnow.message.post;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PATCH /api/messages/{id}} (the PATCH convention of docs/api.md): an edit made on top of
 * {@code version}, which is always required (R8). {@code content} left out, or sent unchanged, edits nothing
 * (200 with the message, no event); it cannot be null.
 */
public record EditMessageRequest(
        PatchField<@NotNull @CodePoints(max = Message.MAX_CONTENT) String> content,
        @NotNull Long version) {}
