package dev.connectnow.message.access;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import dev.connectnow.message.channel.ChannelDirectory;
import dev.connectnow.message.channel.ChannelState;
import dev.connectnow.message.workspace.WorkspaceDirectory;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads what a permission decision needs (the channel and the caller's roles, from the local projections)
 * and enforces {@link MessagePermissions}; an unknown or deleted channel is a 404 like a hidden one.
 */
@Component
public class MessageAccess {

    private final ChannelDirectory channels;
    private final WorkspaceDirectory workspaces;

    public MessageAccess(ChannelDirectory channels, WorkspaceDirectory workspaces) {
        this.channels = channels;
        this.workspaces = workspaces;
    }

    /** A channel as one caller sees it; roles are null when the caller has none. */
    public record ChannelContext(ChannelState channel, WorkspaceRole workspaceRole, ChannelRole channelRole) {}

    /** The channel if the caller may perform a channel-level action (read, post) on it; else 404/403. */
    public ChannelContext require(MessageAction action, UUID channelId, UUID me, String what) {
        return require(action, channelId, me, false, what);
    }

    /**
     * As above for an action on one message; {@code callerIsAuthor} is whether the caller wrote it (never true
     * for SYSTEM messages).
     */
    public ChannelContext require(MessageAction action, UUID channelId, UUID me, boolean callerIsAuthor, String what) {
        ChannelState channel = channels.find(channelId).orElseThrow(() -> ApiException.notFound("Not found"));
        WorkspaceRole workspaceRole =
                workspaces.roleOf(channel.workspaceId(), me).orElse(null);
        ChannelRole channelRole =
                workspaceRole == null ? null : channels.roleOf(channelId, me).orElse(null);
        MessagePermissions.decide(action, workspaceRole, channelRole, channel.isPrivate(), callerIsAuthor)
                .require(what);
        return new ChannelContext(channel, workspaceRole, channelRole);
    }
}
