package dev.connectnow.dm.conversation;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code POST /api/dm/conversations/{id}/read}: read up to this message. */
record MarkReadRequest(@NotNull UUID messageId) {}
