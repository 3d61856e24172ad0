package dev.connectnow.message.access;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import dev.connectnow.message.channel.ChannelState;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads what a permission decision needs (the channel and the caller's roles, from the local projections, in
 * one statement) and enforces {@link MessagePermissions}; an unknown or deleted channel is a 404 like a
 * hidden one.
 */
@Component
public class MessageAccess {

    private final CallerStandings standings;

    public MessageAccess(CallerStandings standings) {
        this.standings = standings;
    }

    /** A channel as one caller sees it; roles are null when the caller has none. */
    public record ChannelContext(ChannelState channel, WorkspaceRole workspaceRole, ChannelRole channelRole) {}

    /** The channel if the caller may perform a channel-level action (read, post) on it; else 404/403. */
    public ChannelContext require(MessageAction action, UUID channelId, UUID me) {
        return require(action, channelId, me, false);
    }

    /**
     * As above for an action on one message; {@code callerIsAuthor} is whether the caller wrote it (never true
     * for SYSTEM messages).
     */
    public ChannelContext require(MessageAction action, UUID channelId, UUID me, boolean callerIsAuthor) {
        ChannelContext context = standings.load(channelId, me).orElseThrow(() -> ApiException.notFound("Not found"));
        MessagePermissions.decide(
                        action,
                        context.workspaceRole(),
                        context.channelRole(),
                        context.channel().isPrivate(),
                        callerIsAuthor)
                .orThrow();
        return context;
    }
}
