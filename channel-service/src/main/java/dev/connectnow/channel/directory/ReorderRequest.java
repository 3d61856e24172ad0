package dev.connectnow.channel.directory;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Body of {@code PUT /api/workspaces/{id}/channels/order}: the channels to put first, in this order. */
public record ReorderRequest(@NotEmpty @Size(max = 1000) List<@NotNull UUID> channelIds) {}
