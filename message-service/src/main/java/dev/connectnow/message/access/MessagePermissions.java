package dev.connectnow.message.access;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;

/**
 * Who may do what with the messages of a channel. Pure rules over the caller's workspace role (null: not a
 * member of the channel's workspace), channel role (null: not a member of the channel), the channel's privacy
 * and whether the caller wrote the message; no Spring, no database.
 *
 * <ol>
 *   <li>Not a member of the workspace: 404 for everything (S1).</li>
 *   <li>A private channel you are not a member of: 404 for everything, workspace admins included, exactly as
 *   channel-service decides (S2).</li>
 *   <li>Otherwise the channel is visible: reading is allowed (public channels can be read before joining, as
 *   in channel-service) and refusals are 403.</li>
 * </ol>
 *
 * <p>Writing (post, reply, react) needs channel membership. Editing is for the author only. Deleting is for
 * the author, a workspace MODERATOR+ or a channel OWNER/ADMIN; pinning for a workspace MODERATOR+ or a
 * channel OWNER/ADMIN. SYSTEM messages have no author (the member they name is not one): nobody edits them,
 * moderators may delete them.
 */
public final class MessagePermissions {

    public enum MessageAction {
        /** Timeline, one message, replies, pins, attachment downloads. */
        READ,
        /** New message or thread reply. */
        POST,
        REACT,
        EDIT,
        DELETE,
        PIN
    }

    public static Access decide(
            MessageAction action,
            WorkspaceRole workspaceRole,
            ChannelRole channelRole,
            boolean isPrivate,
            boolean callerIsAuthor) {
        if (workspaceRole == null || (isPrivate && channelRole == null)) {
            return Access.NOT_FOUND;
        }
        return switch (action) {
            case READ -> Access.ALLOW;
            case POST, REACT -> allowIf(channelRole != null);
            case EDIT -> allowIf(callerIsAuthor);
            case DELETE -> allowIf(callerIsAuthor || moderates(workspaceRole, channelRole));
            case PIN -> allowIf(moderates(workspaceRole, channelRole));
        };
    }

    static boolean moderates(WorkspaceRole workspaceRole, ChannelRole channelRole) {
        return workspaceRole.atLeast(WorkspaceRole.MODERATOR)
                || (channelRole != null && channelRole.atLeast(ChannelRole.ADMIN));
    }

    private static Access allowIf(boolean allowed) {
        return allowed ? Access.ALLOW : Access.FORBIDDEN;
    }

    private MessagePermissions() {}
}
