package dev.connectnow.realtime.fanout;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelDeleted;
import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.presence.PresenceEvents.PresenceUpdated;
import dev.connectnow.events.typing.TypingEvents;
import dev.connectnow.events.typing.TypingEvents.TypingStarted;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.realtime.inbound.Coalescer;
import dev.connectnow.realtime.routing.MembershipChange;
import dev.connectnow.realtime.routing.RoutingIndex;
import dev.connectnow.realtime.session.Session;
import dev.connectnow.realtime.session.SessionRegistry;
import dev.connectnow.realtime.socket.SocketHub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides, for every record of every public topic, who on this instance may see it, and hands it to their
 * sessions: channel events to the channel's members (membership, not visibility, decides), DM events to the
 * two participants, workspace member events and {@code user.updated} to co-members, presence as contract 2
 * says, typing to the channel's other members. Membership events change the routing index before the event is
 * delivered: an addition so that the new member gets it; a removal after its audience (the removed member
 * included) was taken, so the removed member learns of the removal — and, since other consumer threads route
 * at the same time, no event routed once the client could have seen the removal reaches them.
 *
 * <p>Events are read with the chassis' typed dispatcher: routing uses the contract's payload record, while
 * clients get the payload exactly as the producer wrote it (fields this build does not know yet included),
 * minus the routing lists contracts 2 and the DM events carry. A record that is not a readable event of its
 * type throws {@link MalformedEventException}; the listener skips it (docs/realtime.md, "Poison records").
 */
public final class EventRouter {

    private final JsonMapper json;
    private final SocketHub hub;
    private final RoutingIndex index;
    private final SessionRegistry sessions;
    private final Coalescer<List<UUID>> typing;
    private final int typingMaxMembers;
    private final LongSupplier nanoTime;
    private final KnownWorkspaces knownWorkspaces = new KnownWorkspaces(100_000);
    /** At 200 events/s, the last 50,000 cover four minutes of redeliveries (about 5 MB). */
    private final RecentEvents pushed = new RecentEvents(50_000);

    private final EventHandlers revocations;
    private final EventHandlers everything;

    public EventRouter(
            EventDispatcher dispatcher,
            JsonMapper json,
            SocketHub hub,
            Duration typingCoalesce,
            int typingMaxMembers,
            LongSupplier nanoTime) {
        this.json = json;
        this.hub = hub;
        this.index = hub.index();
        this.sessions = hub.sessions();
        this.typing = new Coalescer<>(typingCoalesce.toNanos());
        this.typingMaxMembers = typingMaxMembers;
        this.nanoTime = nanoTime;
        this.revocations = dispatcher
                .withoutDeduplication()
                .on(UserEvents.BANNED, ban -> hub.userBanned(ban.userId(), ban.bannedAt()), "userId", "bannedAt")
                .on(UserEvents.UNBANNED, unban -> hub.userUnbanned(unban.userId()), "userId")
                .on(
                        UserEvents.SESSION_REVOKED,
                        revoked -> hub.sessionRevoked(revoked.userId(), revoked.sessionId(), revoked.revokedAt()),
                        "userId",
                        "sessionId",
                        "revokedAt");
        this.everything = revocations
                .onEnvelope(MessageEvents.CREATED, (m, e) -> toMembers(m.channelId(), e), "channelId")
                .onEnvelope(MessageEvents.UPDATED, (m, e) -> toMembers(m.channelId(), e), "channelId")
                .onEnvelope(MessageEvents.DELETED, (m, e) -> toMembers(m.channelId(), e), "channelId")
                .onEnvelope(MessageEvents.PINNED, (m, e) -> toMembers(m.channelId(), e), "channelId")
                .onEnvelope(MessageEvents.UNPINNED, (m, e) -> toMembers(m.channelId(), e), "channelId")
                .onEnvelope(MessageEvents.REACTION_ADDED, (r, e) -> toMembers(r.channelId(), e), "channelId")
                .onEnvelope(MessageEvents.REACTION_REMOVED, (r, e) -> toMembers(r.channelId(), e), "channelId")
                .onEnvelope(ChannelEvents.CREATED, this::channelCreated, "channelId", "workspaceId")
                .onEnvelope(ChannelEvents.UPDATED, this::channelChanged, "channelId", "workspaceId")
                .onEnvelope(ChannelEvents.ARCHIVED, this::channelChanged, "channelId", "workspaceId")
                .onEnvelope(ChannelEvents.UNARCHIVED, this::channelChanged, "channelId", "workspaceId")
                .onEnvelope(ChannelEvents.DELETED, this::channelDeleted, "channelId", "workspaceId")
                .onEnvelope(ChannelEvents.MEMBER_ADDED, this::channelMemberAdded, "channelId", "workspaceId", "userId")
                .onEnvelope(ChannelEvents.MEMBER_REMOVED, this::channelMemberRemoved, "channelId", "userId")
                .onEnvelope(WorkspaceEvents.MEMBER_ADDED, this::workspaceMember, "workspaceId", "userId")
                .onEnvelope(WorkspaceEvents.MEMBER_UPDATED, this::workspaceMember, "workspaceId", "userId")
                .onEnvelope(WorkspaceEvents.MEMBER_REMOVED, this::workspaceMemberRemoved, "workspaceId", "userId")
                .on(
                        WorkspaceEvents.DELETED,
                        deleted -> index.apply(new MembershipChange.WorkspaceDeleted(deleted.workspaceId())),
                        "workspaceId")
                .on(
                        DmEvents.CONVERSATION_CREATED,
                        created -> index.apply(
                                new MembershipChange.ConversationCreated(created.userAId(), created.userBId())),
                        "userAId",
                        "userBId")
                .onEnvelope(DmEvents.MESSAGE_CREATED, (m, e) -> toParticipants(m.participantIds(), e), "participantIds")
                .onEnvelope(DmEvents.MESSAGE_UPDATED, (m, e) -> toParticipants(m.participantIds(), e), "participantIds")
                .onEnvelope(DmEvents.MESSAGE_DELETED, (m, e) -> toParticipants(m.participantIds(), e), "participantIds")
                .onEnvelope(DmEvents.MESSAGE_READ, (r, e) -> toParticipants(r.participantIds(), e), "participantIds")
                .onEnvelope(PresenceEvents.UPDATED, this::presence, "userId")
                .onEnvelope(TypingEvents.STARTED, this::typing, "channelId", "userId")
                .onEnvelope(UserEvents.UPDATED, this::userUpdated, "userId");
        // not pushed: workspace.created/updated, channel.member.updated, user.registered (types without a handler)
    }

    /** One record value (a CloudEvents envelope) of any public topic or the user topic. */
    public void route(String value) {
        everything.handle(value);
    }

    /**
     * A user-topic record from before this instance started, read back so that bans and revoked sessions whose
     * tokens may still be valid are known: only those count, nothing is pushed to anybody.
     */
    public void learnRevocations(String value) {
        revocations.handle(value);
    }

    private void toMembers(UUID channelId, ReceivedEvent event) {
        deliver(usersSessions(index.channelMembers(channelId)), event);
    }

    private void channelChanged(ChannelChanged channel, ReceivedEvent event) {
        deliver(changedChannelsAudience(channel), event);
    }

    /**
     * As any change, and to its creator as well: channel-service publishes the creation before the creator's
     * membership, so a private channel has no member yet that the index knows, and the creator's other devices
     * would get only a {@code channel.member.added} without the channel's name.
     */
    private void channelCreated(ChannelChanged channel, ReceivedEvent event) {
        Set<Session> audience = new HashSet<>(changedChannelsAudience(channel));
        if (channel.createdBy() != null) {
            audience.addAll(sessions.ofUser(channel.createdBy()));
        }
        deliver(audience, event);
    }

    /** Applies the change to the index, then who may see the channel as it is now. */
    private Collection<Session> changedChannelsAudience(ChannelChanged channel) {
        index.apply(
                new MembershipChange.ChannelChanged(channel.channelId(), channel.workspaceId(), channel.isPrivate()));
        return channelAudience(channel.channelId(), channel.workspaceId(), channel.isPrivate());
    }

    private void channelDeleted(ChannelDeleted channel, ReceivedEvent event) {
        Collection<Session> audience = channelAudience(channel.channelId(), channel.workspaceId(), channel.isPrivate());
        index.apply(new MembershipChange.ChannelDeleted(channel.channelId()));
        deliver(audience, event);
    }

    private void channelMemberAdded(ChannelMemberChanged member, ReceivedEvent event) {
        index.apply(new MembershipChange.ChannelMemberAdded(
                member.channelId(), member.workspaceId(), member.userId(), member.isPrivate()));
        toMembers(member.channelId(), event);
    }

    private void channelMemberRemoved(ChannelMemberChanged member, ReceivedEvent event) {
        Set<UUID> audience = new HashSet<>(index.channelMembers(member.channelId()));
        audience.add(member.userId());
        Collection<Session> recipients = usersSessions(audience);
        index.apply(new MembershipChange.ChannelMemberRemoved(member.channelId(), member.userId()));
        deliver(recipients, event);
    }

    private void workspaceMember(WorkspaceMemberChanged member, ReceivedEvent event) {
        index.apply(new MembershipChange.WorkspaceMemberAdded(member.workspaceId(), member.userId()));
        deliver(usersSessions(index.workspaceMembers(member.workspaceId())), event);
    }

    private void workspaceMemberRemoved(WorkspaceMemberChanged member, ReceivedEvent event) {
        Set<UUID> audience = new HashSet<>(index.workspaceMembers(member.workspaceId()));
        audience.add(member.userId());
        Collection<Session> recipients = usersSessions(audience);
        index.apply(new MembershipChange.WorkspaceMemberRemoved(member.workspaceId(), member.userId()));
        deliver(recipients, event);
    }

    /** DM events go to the two participants, in the REST shape (without the routing list). */
    private void toParticipants(List<UUID> participants, ReceivedEvent event) {
        deliver(usersSessions(participants), event, "participantIds");
    }

    /** Private channel: its members. Public channel: also every workspace member (its metadata is public there). */
    private Collection<Session> channelAudience(UUID channelId, UUID workspaceId, boolean isPrivate) {
        Set<UUID> users = new HashSet<>(index.channelMembers(channelId));
        if (!isPrivate) {
            users.addAll(index.workspaceMembers(workspaceId));
        }
        return usersSessions(users);
    }

    /**
     * Presence goes to the user's own sessions, to co-members of the small workspaces ({@code fanOutWorkspaceIds})
     * without asking, and to sessions that subscribed to the user if they share a workspace or a conversation.
     * The two routing lists are stripped before delivery.
     */
    private void presence(PresenceUpdated presence, ReceivedEvent event) {
        UUID subject = presence.userId();
        List<UUID> workspaceIds = orEmpty(presence.workspaceIds());
        knownWorkspaces.remember(subject, workspaceIds);
        Set<Session> recipients = new HashSet<>(sessions.ofUser(subject));
        for (UUID workspaceId : orEmpty(presence.fanOutWorkspaceIds())) {
            if (workspaceIds.contains(workspaceId)) {
                recipients.addAll(usersSessions(index.workspaceMembers(workspaceId)));
            }
        }
        Set<UUID> partners = index.localDmPartnersOf(subject);
        for (Session subscriber : sessions.subscribersOf(subject)) {
            UUID viewer = subscriber.userId();
            if (partners.contains(viewer) || sharesAny(index.workspacesOf(viewer), workspaceIds)) {
                recipients.add(subscriber);
            }
        }
        hub.deliverEphemeral(
                recipients, event.type(), payload(event, "workspaceIds", "fanOutWorkspaceIds"), event.time());
    }

    /** At most one per user and channel per window on this instance, only in channels up to the size limit. */
    private void typing(TypingStarted started, ReceivedEvent event) {
        UUID channelId = started.channelId();
        UUID typist = started.userId();
        boolean small = index.channel(channelId)
                .map(channel -> channel.memberCount() <= typingMaxMembers)
                .orElse(false);
        if (!small || !typing.tryPass(List.of(typist, channelId), nanoTime.getAsLong())) {
            return;
        }
        List<Session> recipients = new ArrayList<>();
        for (UUID member : index.channelMembers(channelId)) {
            if (!member.equals(typist)) {
                recipients.addAll(sessions.ofUser(member));
            }
        }
        hub.deliverEphemeral(recipients, event.type(), payload(event), event.time());
    }

    /** The user, their conversation partners and everyone sharing a workspace with them. */
    private void userUpdated(UserUpdated updated, ReceivedEvent event) {
        UUID subject = updated.userId();
        Set<UUID> users = new HashSet<>(index.localDmPartnersOf(subject));
        users.add(subject);
        Collection<UUID> workspaces =
                index.isPresent(subject) ? index.workspacesOf(subject) : knownWorkspaces.of(subject);
        for (UUID workspaceId : workspaces) {
            users.addAll(index.workspaceMembers(workspaceId));
        }
        deliver(usersSessions(users), event);
    }

    /** Prunes the typing coalescer; called by the housekeeping schedule. */
    public void prune() {
        typing.prune(nanoTime.getAsLong());
    }

    private void deliver(Collection<Session> recipients, ReceivedEvent event, String... stripped) {
        if (!pushed.firstTime(event.id())) {
            return; // a redelivery: the sessions already have it under its own s
        }
        if (!recipients.isEmpty()) {
            hub.deliver(recipients, event.type(), payload(event, stripped), event.time());
        }
    }

    /** The payload as the producer wrote it, serialized once for every recipient, without the routing fields. */
    private String payload(ReceivedEvent event, String... stripped) {
        ObjectNode data = (ObjectNode) event.rawData();
        data.remove(List.of(stripped));
        return json.writeValueAsString(data);
    }

    private Collection<Session> usersSessions(Collection<UUID> users) {
        List<Session> recipients = new ArrayList<>();
        for (UUID user : users) {
            recipients.addAll(sessions.ofUser(user));
        }
        return recipients;
    }

    private static boolean sharesAny(Set<UUID> mine, List<UUID> theirs) {
        for (UUID workspaceId : theirs) {
            if (mine.contains(workspaceId)) {
                return true;
            }
        }
        return false;
    }

    private static List<UUID> orEmpty(List<UUID> ids) {
        return ids == null ? List.of() : ids;
    }
}
