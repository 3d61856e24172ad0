package dev.connectnow.channel.directory;

import dev.connectnow.chassis.access.Verdict;
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

    static final String MANAGERS_ONLY = "This needs the channel's OWNER or ADMIN role, or the workspace's ADMIN role";

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

    public static Verdict workspace(WorkspaceAction action, WorkspaceRole workspaceRole) {
        if (workspaceRole == null) {
            return Verdict.notFound();
        }
        return switch (action) {
            case LIST_CHANNELS, READ_UNREAD_SUMMARY -> Verdict.allow();
            case CREATE_CHANNEL ->
                Verdict.allowIf(
                        workspaceRole.atLeast(WorkspaceRole.MEMBER), "Guests of the workspace cannot create channels");
            case REORDER_CHANNELS ->
                Verdict.allowIf(
                        workspaceRole.atLeast(WorkspaceRole.ADMIN),
                        "Only a workspace ADMIN or the OWNER may reorder channels");
        };
    }

    public static Verdict channel(
            ChannelAction action, WorkspaceRole workspaceRole, ChannelRole channelRole, boolean isPrivate) {
        if (workspaceRole == null || (isPrivate && channelRole == null)) {
            return Verdict.notFound();
        }
        return switch (action) {
            case VIEW, LIST_MEMBERS, JOIN -> Verdict.allow();
            case MANAGE, REMOVE_MEMBER -> Verdict.allowIf(canManage(workspaceRole, channelRole), MANAGERS_ONLY);
            case ADD_MEMBER ->
                isPrivate
                        ? Verdict.allowIf(
                                channelRole.atLeast(ChannelRole.ADMIN),
                                "Only the channel's OWNER or ADMIN may add members to a private channel")
                        : Verdict.allowIf(channelRole != null, "Only members of the channel may add members to it");
            case OWN_MEMBERSHIP -> Verdict.allowIf(channelRole != null, "You are not a member of this channel");
        };
    }

    /**
     * Removing somebody else: channel OWNER/ADMIN or workspace ADMIN+; the channel's OWNER can be removed by
     * workspace ADMIN+ only (a channel ADMIN cannot remove the person who made them ADMIN).
     */
    public static Verdict removeMember(
            WorkspaceRole workspaceRole, ChannelRole channelRole, boolean isPrivate, ChannelRole targetRole) {
        Verdict base = channel(ChannelAction.REMOVE_MEMBER, workspaceRole, channelRole, isPrivate);
        if (!base.isAllowed() || targetRole != ChannelRole.OWNER) {
            return base;
        }
        return Verdict.allowIf(
                workspaceRole.atLeast(WorkspaceRole.ADMIN), "Only a workspace ADMIN may remove the channel's OWNER");
    }

    static boolean canManage(WorkspaceRole workspaceRole, ChannelRole channelRole) {
        return workspaceRole.atLeast(WorkspaceRole.ADMIN)
                || (channelRole != null && channelRole.atLeast(ChannelRole.ADMIN));
    }

    private ChannelPermissions() {}
}
