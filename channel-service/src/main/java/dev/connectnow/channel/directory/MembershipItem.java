package dev.connectnow.channel.directory;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import java.util.UUID;

/**
 * One channel membership of the caller, for realtime-service's routing snapshot (contract 3);
 * {@code memberCount} lets it decide whether typing indicators are fanned out in the channel.
 */
public record MembershipItem(UUID channelId, UUID workspaceId, ChannelRole role, boolean isPrivate, long memberCount) {}
