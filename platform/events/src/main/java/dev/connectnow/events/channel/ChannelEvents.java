package dev.connectnow.events.channel;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of the channel context (channel-service), keyed by channel id on {@value Topics#CHANNEL} so that
 * one channel's events stay in order. Every payload names the channel's workspace and whether the channel
 * is private, so a consumer (realtime-service above all) can decide who may see the event without a call
 * back to channel-service.
 *
 * <p>{@code channel.deleted} implies that every membership of the channel is gone; no separate
 * {@code channel.member.removed} events are sent for them.
 */
public final class ChannelEvents {

    public static final EventType<ChannelChanged> CREATED =
            EventType.define("channel.created", Topics.CHANNEL, ChannelChanged.class);
    public static final EventType<ChannelChanged> UPDATED =
            EventType.define("channel.updated", Topics.CHANNEL, ChannelChanged.class);
    public static final EventType<ChannelChanged> ARCHIVED =
            EventType.define("channel.archived", Topics.CHANNEL, ChannelChanged.class);
    public static final EventType<ChannelChanged> UNARCHIVED =
            EventType.define("channel.unarchived", Topics.CHANNEL, ChannelChanged.class);
    public static final EventType<ChannelDeleted> DELETED =
            EventType.define("channel.deleted", Topics.CHANNEL, ChannelDeleted.class);
    public static final EventType<ChannelMemberChanged> MEMBER_ADDED =
            EventType.define("channel.member.added", Topics.CHANNEL, ChannelMemberChanged.class);
    public static final EventType<ChannelMemberChanged> MEMBER_UPDATED =
            EventType.define("channel.member.updated", Topics.CHANNEL, ChannelMemberChanged.class);
    public static final EventType<ChannelMemberChanged> MEMBER_REMOVED =
            EventType.define("channel.member.removed", Topics.CHANNEL, ChannelMemberChanged.class);

    public enum ChannelType {
        TEXT,
        VOICE,
        FORUM
    }

    /** Roles inside one channel, highest first; independent of the member's workspace role. */
    public enum ChannelRole {
        OWNER,
        ADMIN,
        MEMBER;

        public boolean atLeast(ChannelRole other) {
            return ordinal() <= other.ordinal();
        }
    }

    /** Payload of {@code channel.created|updated|archived|unarchived}: the channel resource after the change. */
    public record ChannelChanged(
            UUID channelId,
            UUID workspaceId,
            String name,
            String description,
            String topic,
            ChannelType type,
            boolean isPrivate,
            boolean isArchived,
            int position,
            UUID createdBy,
            Instant createdAt,
            Instant updatedAt) {}

    public record ChannelDeleted(UUID channelId, UUID workspaceId, String name, boolean isPrivate, Instant deletedAt) {}

    /**
     * Payload of {@code channel.member.added|updated|removed}; for removals, role and isMuted are the last
     * values held.
     */
    public record ChannelMemberChanged(
            UUID channelId,
            UUID workspaceId,
            UUID userId,
            ChannelRole role,
            boolean isMuted,
            boolean isPrivate,
            Instant joinedAt,
            Instant changedAt) {}

    private ChannelEvents() {}
}
