package dev.connectnow.channel.membership;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PATCH /api/channels/{id}/members/{userId}}: ADMIN or MEMBER. */
public record ChangeRoleRequest(@NotNull ChannelRole role) {}
