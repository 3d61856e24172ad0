package dev.connectnow.channel.directory;

import java.util.UUID;

/** A channel's place in its workspace's order, as the reorder call answers it. */
public record ChannelPosition(UUID channelId, int position) {}
