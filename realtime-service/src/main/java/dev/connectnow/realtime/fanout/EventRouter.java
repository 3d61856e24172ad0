package dev.connectnow.realtime.fanout;

import dev.connectnow.realtime.inbound.Coalescer;
import dev.connectnow.realtime.routing.MembershipChange;
import dev.connectnow.realtime.routing.RoutingIndex;
import dev.connectnow.realtime.session.Session;
import dev.connectnow.realtime.session.SessionRegistry;
import dev.connectnow.realtime.socket.RealtimeMetrics;
import dev.connectnow.realtime.socket.SocketHub;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides, for every record of every public topic, who on this instance may see it, and hands it to their
 * sessions: channel events to the channel's members (membership, not visibility, decides), DM events to the
 * two participants, workspace member events and {@code user.updated} to co-members, presence as contract 2
 * says, typing to the channel's other members. Membership events change the routing index first when they
 * add someone (so the new member gets the event) and after routing when they remove someone (so the removed
 * member learns of the removal and of nothing after it).
 *
 * <p>Never throws: a record it cannot read is counted and skipped (the tier keeps no state worth a retry).
 */
public final class EventRouter {

    private static final Logger log = LoggerFactory.getLogger(EventRouter.class);

    private final JsonMapper json;
    private final SocketHub hub;
    private final RoutingIndex index;
    private final SessionRegistry sessions;
    private final RealtimeMetrics metrics;
    private final Coalescer<List<UUID>> typing;
    private final int typingMaxMembers;
    private final LongSupplier nanoTime;
    private final KnownWorkspaces knownWorkspaces = new KnownWorkspaces(100_000);

    public EventRouter(
            JsonMapper json,
            SocketHub hub,
            RealtimeMetrics metrics,
            Duration typingCoalesce,
            int typingMaxMembers,
            LongSupplier nanoTime) {
        this.json = json;
        this.hub = hub;
        this.index = hub.index();
        this.sessions = hub.sessions();
        this.metrics = metrics;
        this.typing = new Coalescer<>(typingCoalesce.toNanos());
        this.typingMaxMembers = typingMaxMembers;
        this.nanoTime = nanoTime;
    }

    private static final Set<String> REVOCATIONS = Set.of("user.banned", "user.unbanned", "session.revoked");

    /** One record value (a CloudEvents envelope) of any topic. */
    public void route(String value) {
        route(value, false);
    }

    /**
     * A user-topic record from before this instance started, read back so that bans and revoked sessions whose
     * tokens may still be valid are known: only those count, nothing is pushed to anybody.
     */
    public void learnRevocations(String value) {
        route(value, true);
    }

    private void route(String value, boolean revocationsOnly) {
        JsonNode envelope;
        try {
            envelope = json.readTree(value);
        } catch (JacksonException e) {
            metrics.unroutable();
            return;
        }
        try {
            String type = envelope.path("type").asString("");
            JsonNode data = envelope.path("data");
            if (!data.isObject()) {
                metrics.unroutable();
                return;
            }
            if (revocationsOnly && !REVOCATIONS.contains(type)) {
                return;
            }
            Instant time = time(envelope);
            dispatch(type, (ObjectNode) data, time);
        } catch (RuntimeException e) {
            // a payload without the fields its type promises; the producer is wrong, not us
            metrics.unroutable();
            log.debug("skipped an unreadable record: {}", e.toString());
        }
    }

    private void dispatch(String type, ObjectNode data, Instant time) {
        switch (type) {
            case "message.created",
                    "message.updated",
                    "message.deleted",
                    "message.pinned",
                    "message.unpinned",
                    "reaction.added",
                    "reaction.removed" ->
                deliver(usersSessions(index.channelMembers(uuid(data, "channelId"))), type, data, time);
            case "channel.created", "channel.updated", "channel.archived", "channel.unarchived" -> {
                UUID channelId = uuid(data, "channelId");
                UUID workspaceId = uuid(data, "workspaceId");
                boolean isPrivate = data.path("isPrivate").asBoolean();
                index.apply(new MembershipChange.ChannelChanged(channelId, workspaceId, isPrivate));
                deliver(channelAudience(channelId, workspaceId, isPrivate), type, data, time);
            }
            case "channel.deleted" -> {
                UUID channelId = uuid(data, "channelId");
                deliver(
                        channelAudience(
                                channelId,
                                uuid(data, "workspaceId"),
                                data.path("isPrivate").asBoolean()),
                        type,
                        data,
                        time);
                index.apply(new MembershipChange.ChannelDeleted(channelId));
            }
            case "channel.member.added" -> {
                UUID channelId = uuid(data, "channelId");
                index.apply(new MembershipChange.ChannelMemberAdded(
                        channelId,
                        uuid(data, "workspaceId"),
                        uuid(data, "userId"),
                        data.path("isPrivate").asBoolean()));
                deliver(usersSessions(index.channelMembers(channelId)), type, data, time);
            }
            case "channel.member.removed" -> {
                UUID channelId = uuid(data, "channelId");
                UUID userId = uuid(data, "userId");
                Set<UUID> audience = new HashSet<>(index.channelMembers(channelId));
                audience.add(userId);
                deliver(usersSessions(audience), type, data, time);
                index.apply(new MembershipChange.ChannelMemberRemoved(channelId, userId));
            }
            case "workspace.member.added", "workspace.member.updated" -> {
                UUID workspaceId = uuid(data, "workspaceId");
                UUID userId = uuid(data, "userId");
                index.apply(new MembershipChange.WorkspaceMemberAdded(workspaceId, userId));
                deliver(usersSessions(index.workspaceMembers(workspaceId)), type, data, time);
            }
            case "workspace.member.removed" -> {
                UUID workspaceId = uuid(data, "workspaceId");
                UUID userId = uuid(data, "userId");
                Set<UUID> audience = new HashSet<>(index.workspaceMembers(workspaceId));
                audience.add(userId);
                deliver(usersSessions(audience), type, data, time);
                index.apply(new MembershipChange.WorkspaceMemberRemoved(workspaceId, userId));
            }
            case "workspace.deleted" -> index.apply(new MembershipChange.WorkspaceDeleted(uuid(data, "workspaceId")));
            case "dm.conversation.created" ->
                index.apply(new MembershipChange.ConversationCreated(uuid(data, "userAId"), uuid(data, "userBId")));
            case "dm.message.created", "dm.message.updated", "dm.message.deleted", "dm.message.read" -> {
                List<UUID> participants = uuids(data.path("participantIds"));
                data.remove("participantIds");
                deliver(usersSessions(participants), type, data, time);
            }
            case "presence.updated" -> presence(data, time);
            case "typing.started" -> typing(data, time);
            case "user.updated" -> userUpdated(data, time);
            case "user.banned" -> hub.userBanned(uuid(data, "userId"), instant(data, "bannedAt"));
            case "user.unbanned" -> hub.userUnbanned(uuid(data, "userId"));
            case "session.revoked" ->
                hub.sessionRevoked(uuid(data, "userId"), uuid(data, "sessionId"), instant(data, "revokedAt"));
            default -> {
                // not pushed to clients: workspace.created/updated, channel.member.updated, user.registered, ...
            }
        }
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
    private void presence(ObjectNode data, Instant time) {
        UUID subject = uuid(data, "userId");
        List<UUID> workspaceIds = uuids(data.path("workspaceIds"));
        List<UUID> fanOut = uuids(data.path("fanOutWorkspaceIds"));
        data.remove("workspaceIds");
        data.remove("fanOutWorkspaceIds");
        knownWorkspaces.remember(subject, workspaceIds);
        Set<Session> recipients = new HashSet<>(sessions.ofUser(subject));
        for (UUID workspaceId : fanOut) {
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
        hub.deliverEphemeral(recipients, "presence.updated", json.writeValueAsString(data), time);
    }

    /** At most one per user and channel per window on this instance, only in channels up to the size limit. */
    private void typing(ObjectNode data, Instant time) {
        UUID channelId = uuid(data, "channelId");
        UUID typist = uuid(data, "userId");
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
        hub.deliverEphemeral(recipients, "typing.started", json.writeValueAsString(data), time);
    }

    /** The user, their conversation partners and everyone sharing a workspace with them. */
    private void userUpdated(ObjectNode data, Instant time) {
        UUID subject = uuid(data, "userId");
        Set<UUID> users = new HashSet<>(index.localDmPartnersOf(subject));
        users.add(subject);
        Collection<UUID> workspaces =
                index.isPresent(subject) ? index.workspacesOf(subject) : knownWorkspaces.of(subject);
        for (UUID workspaceId : workspaces) {
            users.addAll(index.workspaceMembers(workspaceId));
        }
        deliver(usersSessions(users), "user.updated", data, time);
    }

    /** Prunes the typing coalescer; called by the housekeeping schedule. */
    public void prune() {
        typing.prune(nanoTime.getAsLong());
    }

    private void deliver(Collection<Session> recipients, String type, ObjectNode data, Instant time) {
        if (!recipients.isEmpty()) {
            hub.deliver(recipients, type, json.writeValueAsString(data), time);
        }
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

    private static UUID uuid(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return UUID.fromString(value.asString());
    }

    private static List<UUID> uuids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode id : array) {
                ids.add(UUID.fromString(id.asString()));
            }
        }
        return ids;
    }

    private static Instant time(JsonNode envelope) {
        JsonNode time = envelope.get("time");
        return time == null || !time.isString() ? null : Instant.parse(time.asString());
    }

    private static Instant instant(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return Instant.parse(value.asString());
    }
}
