package dev.connectnow.channel.directory;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import java.time.Instant;
import java.util.UUID;

/** A channel membership. */
public record MemberView(
        UUID channelId,
        UUID userId,
        ChannelRole role,
        boolean isMuted,
        Instant lastReadAt,
        UUID lastReadMessageId,
        Instant joinedAt) {

    public static MemberView of(ChannelMember m) {
        return new MemberView(
                m.getChannelId(),
                m.getUserId(),
                m.getRole(),
                m.isMuted(),
                m.getLastReadAt(),
                m.getLastReadMessageId(),
                m.getJoinedAt());
    }
}
