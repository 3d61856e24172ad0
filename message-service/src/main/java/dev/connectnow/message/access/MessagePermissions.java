package dev.connectnow.message.access;

import dev.connectnow.chassis.access.Verdict;
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

    public static Verdict decide(
            MessageAction action,
            WorkspaceRole workspaceRole,
            ChannelRole channelRole,
            boolean isPrivate,
            boolean callerIsAuthor) {
        if (workspaceRole == null || (isPrivate && channelRole == null)) {
            return Verdict.notFound();
        }
        return switch (action) {
            case READ -> Verdict.allow();
            case POST -> Verdict.allowIf(channelRole != null, "Only members of the channel can post in it");
            case REACT -> Verdict.allowIf(channelRole != null, "Only members of the channel can react in it");
            case EDIT -> Verdict.allowIf(callerIsAuthor, "Only the author can edit a message");
            case DELETE ->
                Verdict.allowIf(
                        callerIsAuthor || moderates(workspaceRole, channelRole),
                        "Only the author, a workspace moderator or a channel admin can delete a message");
            case PIN ->
                Verdict.allowIf(
                        moderates(workspaceRole, channelRole),
                        "Only a workspace moderator or a channel admin can pin or unpin messages");
        };
    }

    static boolean moderates(WorkspaceRole workspaceRole, ChannelRole channelRole) {
        return workspaceRole.atLeast(WorkspaceRole.MODERATOR)
                || (channelRole != null && channelRole.atLeast(ChannelRole.ADMIN));
    }

    private MessagePermissions() {}
}
