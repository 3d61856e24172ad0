package dev.connectnow.dm.message;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.web.PatchField;
import dev.connectnow.dm.conversation.DirectMessage;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PATCH /api/dm/messages/{id}} (the PATCH convention of docs/api.md): {@code content} left out
 * stays as it is, null is a 400 (a message's text is cleared by deleting it); {@code version} is the one the
 * editor read and is always required: a newer current version is a 409.
 */
record EditMessageRequest(
        PatchField<@NotNull @CodePoints(max = DirectMessage.MAX_CONTENT) String> content,
        @NotNull Long version) {}
