package dev.connectnow.channel.readstate;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Body of {@code PUT /api/channels/{id}/read}. */
public record MarkReadRequest(@NotNull UUID messageId) {}
