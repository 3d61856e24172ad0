package dev.connectnow.channel.directory;

import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import java.time.Instant;
import java.util.UUID;

/** The channel resource. */
public record ChannelView(
        UUID id,
        UUID workspaceId,
        String name,
        String description,
        String topic,
        ChannelType type,
        boolean isPrivate,
        boolean isArchived,
        int position,
        Instant createdAt,
        Instant lastMessageAt) {

    static ChannelView of(Channel c) {
        return new ChannelView(
                c.getId(),
                c.getWorkspaceId(),
                c.getName(),
                c.getDescription(),
                c.getTopic(),
                c.getType(),
                c.isPrivate(),
                c.isArchived(),
                c.getPosition(),
                c.getCreatedAt(),
                c.getLastMessageAt());
    }
}
