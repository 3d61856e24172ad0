package dev.connectnow.channel.readstate;

import java.util.UUID;

/** One channel of the unread summary. */
public record Unread(UUID channelId, long unreadCount, boolean isMuted) {}
