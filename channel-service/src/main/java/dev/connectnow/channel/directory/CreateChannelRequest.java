package dev.connectnow.channel.directory;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code POST /api/workspaces/{id}/channels}: {@code type} defaults to TEXT and {@code isPrivate} to
 * false when absent; the name is normalized and checked by {@link ChannelName}.
 */
public record CreateChannelRequest(
        @NotNull String name,
        @CodePoints(max = 1000) String description,
        @CodePoints(max = 250) String topic,
        ChannelType type,
        Boolean isPrivate) {}
