package dev.connectnow.channel.directory;

import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelPermissions.WorkspaceAction;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Loads what a permission decision needs (channel, caller's roles) and enforces {@link ChannelPermissions}. */
@Component
public class ChannelAccess {

    private final ChannelRepository channels;
    private final ChannelMemberRepository members;
    private final WorkspaceDirectory directory;

    public ChannelAccess(ChannelRepository channels, ChannelMemberRepository members, WorkspaceDirectory directory) {
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
    public ChannelContext require(ChannelAction action, UUID channelId, UUID userId, String what) {
        ChannelContext context = load(channelId, userId, false);
        ChannelPermissions.channel(
                        action,
                        context.workspaceRole(),
                        context.channelRole(),
                        context.channel().isPrivate())
                .require(what);
        return context;
    }

    /**
     * As {@link #require} for actions that add memberships: the caller's workspace membership is share-locked
     * so a concurrent removal from the workspace cannot miss what we add.
     */
    public ChannelContext requireLocked(ChannelAction action, UUID channelId, UUID userId, String what) {
        ChannelContext context = load(channelId, userId, true);
        ChannelPermissions.channel(
                        action,
                        context.workspaceRole(),
                        context.channelRole(),
                        context.channel().isPrivate())
                .require(what);
        return context;
    }

    public ChannelContext load(UUID channelId, UUID userId, boolean lockMembership) {
        Channel channel = channels.findById(channelId).orElseThrow(() -> ApiException.notFound("Not found"));
        WorkspaceRole role = (lockMembership
                        ? directory.roleOfLocked(channel.getWorkspaceId(), userId)
                        : directory.roleOf(channel.getWorkspaceId(), userId))
                .orElse(null);
        ChannelMember membership = role == null
                ? null
                : members.findByChannelIdAndUserId(channelId, userId).orElse(null);
        return new ChannelContext(channel, role, membership);
    }

    /** The caller's workspace role if they may perform {@code action} on the workspace's channels. */
    public WorkspaceRole requireWorkspace(
            WorkspaceAction action, UUID workspaceId, UUID userId, String what, boolean lockMembership) {
        WorkspaceRole role = (lockMembership
                        ? directory.roleOfLocked(workspaceId, userId)
                        : directory.roleOf(workspaceId, userId))
                .orElse(null);
        ChannelPermissions.workspace(action, role).require(what);
        return role;
    }
}
