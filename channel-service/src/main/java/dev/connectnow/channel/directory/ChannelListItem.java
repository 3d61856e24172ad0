package dev.connectnow.channel.directory;

import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import java.time.Instant;
import java.util.UUID;

/** One row of the channel list: the resource plus the caller's membership state (built by the query). */
public record ChannelListItem(
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
        Instant lastMessageAt,
        boolean isMember,
        boolean isMuted,
        long unreadCount) {}
