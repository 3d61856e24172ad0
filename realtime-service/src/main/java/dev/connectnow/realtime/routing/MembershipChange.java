package dev.connectnow.realtime.routing;

import java.util.UUID;

/** A change of who belongs where, taken from a membership event; applied by {@link RoutingIndex}. */
public sealed interface MembershipChange {

    record ChannelMemberAdded(UUID channelId, UUID workspaceId, UUID userId, boolean isPrivate)
            implements MembershipChange {}

    record ChannelMemberRemoved(UUID channelId, UUID userId) implements MembershipChange {}

    /** {@code channel.updated} and friends: only privacy matters for routing. */
    record ChannelChanged(UUID channelId, UUID workspaceId, boolean isPrivate) implements MembershipChange {}

    record ChannelDeleted(UUID channelId) implements MembershipChange {}

    record WorkspaceMemberAdded(UUID workspaceId, UUID userId) implements MembershipChange {}

    /** Also ends the user's memberships in the workspace's channels. */
    record WorkspaceMemberRemoved(UUID workspaceId, UUID userId) implements MembershipChange {}

    record WorkspaceDeleted(UUID workspaceId) implements MembershipChange {}

    record ConversationCreated(UUID userA, UUID userB) implements MembershipChange {}
}
