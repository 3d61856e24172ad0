package dev.connectnow.channel.directory;

import dev.connectnow.channel.common.Access;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;

/**
 * Who may do what with channels. Pure rules over the caller's workspace role (null: not a member of the
 * channel's workspace) and channel role (null: not a member of the channel); no Spring, no database.
 *
 * <ol>
 *   <li>Not a member of the workspace: 404 for everything (nothing of another workspace exists for you).</li>
 *   <li>A private channel you are not a member of: 404 for everything, workspace OWNER/ADMIN included (as in
 *   Slack, a private channel is visible to its members only; admins who must act on it are added by a
 *   member).</li>
 *   <li>Otherwise the channel's existence is public within the workspace, and refusals are 403.</li>
 * </ol>
 */
public final class ChannelPermissions {

    /** Actions on a workspace's channel collection. */
    public enum WorkspaceAction {
        LIST_CHANNELS,
        CREATE_CHANNEL,
        REORDER_CHANNELS,
        READ_UNREAD_SUMMARY
    }

    /** Actions on one channel. */
    public enum ChannelAction {
        VIEW,
        LIST_MEMBERS,
        /** PATCH, DELETE, archive, unarchive, change a member's role. */
        MANAGE,
        JOIN,
        ADD_MEMBER,
        /** Own membership: mute, mark read, leave. */
        OWN_MEMBERSHIP,
        /** Remove somebody else. */
        REMOVE_MEMBER
    }

    public static Access workspace(WorkspaceAction action, WorkspaceRole workspaceRole) {
        if (workspaceRole == null) {
            return Access.NOT_FOUND;
        }
        return switch (action) {
            case LIST_CHANNELS, READ_UNREAD_SUMMARY -> Access.ALLOW;
            case CREATE_CHANNEL -> allowIf(workspaceRole.atLeast(WorkspaceRole.MEMBER));
            case REORDER_CHANNELS -> allowIf(workspaceRole.atLeast(WorkspaceRole.ADMIN));
        };
    }

    public static Access channel(
            ChannelAction action, WorkspaceRole workspaceRole, ChannelRole channelRole, boolean isPrivate) {
        if (workspaceRole == null || (isPrivate && channelRole == null)) {
            return Access.NOT_FOUND;
        }
        return switch (action) {
            case VIEW, LIST_MEMBERS, JOIN -> Access.ALLOW;
            case MANAGE, REMOVE_MEMBER -> allowIf(canManage(workspaceRole, channelRole));
            case ADD_MEMBER -> allowIf(isPrivate ? channelRole.atLeast(ChannelRole.ADMIN) : channelRole != null);
            case OWN_MEMBERSHIP -> allowIf(channelRole != null);
        };
    }

    /**
     * Removing somebody else: channel OWNER/ADMIN or workspace ADMIN+; the channel's OWNER can be removed by
     * workspace ADMIN+ only (a channel ADMIN cannot remove the person who made them ADMIN).
     */
    public static Access removeMember(
            WorkspaceRole workspaceRole, ChannelRole channelRole, boolean isPrivate, ChannelRole targetRole) {
        Access base = channel(ChannelAction.REMOVE_MEMBER, workspaceRole, channelRole, isPrivate);
        if (base != Access.ALLOW || targetRole != ChannelRole.OWNER) {
            return base;
        }
        return allowIf(workspaceRole.atLeast(WorkspaceRole.ADMIN));
    }

    static boolean canManage(WorkspaceRole workspaceRole, ChannelRole channelRole) {
        return workspaceRole.atLeast(WorkspaceRole.ADMIN)
                || (channelRole != null && channelRole.atLeast(ChannelRole.ADMIN));
    }

    private static Access allowIf(boolean allowed) {
        return allowed ? Access.ALLOW : Access.FORBIDDEN;
    }

    private ChannelPermissions() {}
}
