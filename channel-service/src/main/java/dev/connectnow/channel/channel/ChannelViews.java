package dev.connectnow.channel.channel;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the channel API (see docs/channel.md). */
public final class ChannelViews {

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

        public static ChannelView of(Channel c) {
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

    /** One row of the channel list: the resource plus the caller's membership state. */
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

    public record ChannelPosition(UUID channelId, int position) {}

    /** A channel membership. */
    /**
     * One channel membership of the caller, for realtime-service's routing snapshot (contract 3);
     * {@code memberCount} lets it decide whether typing indicators are fanned out in the channel.
     */
    public record MembershipItem(
            UUID channelId, UUID workspaceId, ChannelRole role, boolean isPrivate, long memberCount) {}

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

    /** {@code type} defaults to TEXT and {@code isPrivate} to false when absent. */
    public record CreateChannelRequest(
            @NotNull(message = "must not be null") String name,
            @CodePoints(max = 1000) String description,
            @CodePoints(max = 250) String topic,
            ChannelType type,
            Boolean isPrivate) {}

    /** Absent (or null) fields stay as they are; an empty description or topic clears it. */
    public record UpdateChannelRequest(
            String name,
            @CodePoints(max = 1000) String description,
            @CodePoints(max = 250) String topic,
            Boolean isPrivate) {}

    public record ReorderRequest(@NotEmpty @Size(max = 1000) List<@NotNull UUID> channelIds) {}

    public record AddMemberRequest(@NotNull UUID userId) {}

    public record UpdateMyMembershipRequest(@NotNull Boolean isMuted) {}

    public record ChangeRoleRequest(@NotNull ChannelRole role) {}

    private ChannelViews() {}
}
