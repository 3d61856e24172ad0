package dev.connectnow.realtime.support;

import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.dm.DmEvents.DirectMessagePayload;
import dev.connectnow.events.message.MessageEvents.MessagePayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Event payloads as the producing services publish them (see EventSamples / the golden files). */
public final class Payloads {

    public static MessagePayload message(UUID channelId, UUID workspaceId, UUID author, long seq, String content) {
        Instant now = Instant.now();
        return new MessagePayload(
                UUID.randomUUID(),
                channelId,
                workspaceId,
                author,
                content,
                MessageType.TEXT,
                null,
                seq,
                0,
                false,
                null,
                false,
                null,
                false,
                null,
                1,
                now,
                now,
                List.of(),
                List.of(),
                List.of());
    }

    public static ChannelMemberChanged channelMember(UUID channelId, UUID workspaceId, UUID userId, boolean isPrivate) {
        Instant now = Instant.now();
        return new ChannelMemberChanged(channelId, workspaceId, userId, ChannelRole.MEMBER, false, isPrivate, now, now);
    }

    public static DirectMessagePayload directMessage(UUID conversation, UUID sender, UUID recipient, String content) {
        Instant now = Instant.now();
        return new DirectMessagePayload(
                UUID.randomUUID(),
                conversation,
                sender,
                content,
                MessageType.TEXT,
                1,
                false,
                null,
                false,
                null,
                false,
                null,
                1,
                now,
                now,
                List.of(),
                List.of(sender, recipient));
    }

    private Payloads() {}
}
