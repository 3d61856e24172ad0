package dev.connectnow.channel.directory;

import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelPermissions.WorkspaceAction;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads what a permission decision needs (channel, caller's roles) and enforces {@link ChannelPermissions}:
 * a channel the caller may not know about answers exactly like a missing one.
 */
@Component
public class ChannelAccess {

    static final String CHANNEL_NOT_FOUND = "Channel not found";
    static final String WORKSPACE_NOT_FOUND = "Workspace not found";

    private final ChannelRepository channels;
    private final ChannelMemberRepository members;
    private final WorkspaceDirectory directory;

    ChannelAccess(ChannelRepository channels, ChannelMemberRepository members, WorkspaceDirectory directory) {
        this.channels = channels;
        this.members = members;
        this.directory = directory;
    }

    /** A channel as seen by one caller. {@code workspaceRole}/{@code membership} are null when absent. */
    public record ChannelContext(Channel channel, WorkspaceRole workspaceRole, ChannelMember membership) {

        public ChannelRole channelRole() {
            return membership == null ? null : membership.getRole();
        }
    }

    /** The channel if the caller may perform {@code action} on it; else 404/403. */
    public ChannelContext require(ChannelAction action, UUID channelId, UUID userId) {
        return enforce(action, load(channelId, userId, false));
    }

    /**
     * As {@link #require} for actions that add memberships: the caller's workspace membership is share-locked
     * so a concurrent removal from the workspace cannot miss what we add.
     */
    public ChannelContext requireLocked(ChannelAction action, UUID channelId, UUID userId) {
        return enforce(action, load(channelId, userId, true));
    }

    /** The channel and the caller's roles, unchecked: for rules that need more than the caller (removals). */
    public ChannelContext load(UUID channelId, UUID userId, boolean lockMembership) {
        Channel channel = channels.findById(channelId).orElseThrow(() -> ApiException.notFound(CHANNEL_NOT_FOUND));
        WorkspaceRole role = (lockMembership
                        ? directory.roleOfLocked(channel.getWorkspaceId(), userId)
                        : directory.roleOf(channel.getWorkspaceId(), userId))
                .orElse(null);
        ChannelMember membership = role == null
                ? null
                : members.findByChannelIdAndUserId(channelId, userId).orElse(null);
        return new ChannelContext(channel, role, membership);
    }

    /** Removing somebody else ({@link ChannelPermissions#removeMember}); their membership, if the caller may. */
    public ChannelMember requireRemovable(ChannelContext context, UUID userId) {
        ChannelMember target = context.workspaceRole() == null
                ? null
                : members.findByChannelIdAndUserId(context.channel().getId(), userId)
                        .orElse(null);
        ChannelPermissions.removeMember(
                        context.workspaceRole(),
                        context.channelRole(),
                        context.channel().isPrivate(),
                        target == null ? null : target.getRole())
                .orThrow(CHANNEL_NOT_FOUND);
        if (target == null) {
            throw ApiException.notFound("The user is not a member of this channel");
        }
        return target;
    }

    /** The caller's workspace role if they may perform {@code action} on the workspace's channels. */
    public WorkspaceRole requireWorkspace(
            WorkspaceAction action, UUID workspaceId, UUID userId, boolean lockMembership) {
        WorkspaceRole role = (lockMembership
                        ? directory.roleOfLocked(workspaceId, userId)
                        : directory.roleOf(workspaceId, userId))
                .orElse(null);
        ChannelPermissions.workspace(action, role).orThrow(WORKSPACE_NOT_FOUND);
        return role;
    }

    private static ChannelContext enforce(ChannelAction action, ChannelContext context) {
        ChannelPermissions.channel(
                        action,
                        context.workspaceRole(),
                        context.channelRole(),
                        context.channel().isPrivate())
                .orThrow(CHANNEL_NOT_FOUND);
        return context;
    }
}
