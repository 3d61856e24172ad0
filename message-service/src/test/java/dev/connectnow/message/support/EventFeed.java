package dev.connectnow.message.support;

import static org.awaitility.Awaitility.await;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelDeleted;
import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.events.dm.DmEvents.DirectMessagePayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Plays auth-, workspace-, channel- and dm-service in tests: publishes their events to their topics, keyed as
 * they key them, and waits until message-service has applied them (its de-duplication row, or the effect).
 */
public class EventFeed {

    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaTemplate<String, String> kafka;
    private final EventJson json;
    private final JdbcTemplate jdbc;

    public EventFeed(KafkaTemplate<String, String> kafka, EventJson json, JdbcTemplate jdbc) {
        this.kafka = kafka;
        this.json = json;
        this.jdbc = jdbc;
    }

    /** One workspace membership as workspace-service tracks it. */
    public record Membership(UUID workspaceId, UUID userId, UUID membershipId, long revision, WorkspaceRole role) {
        public Membership next(WorkspaceRole newRole) {
            return new Membership(workspaceId, userId, membershipId, revision + 1, newRole);
        }
    }

    /** A channel as channel-service would describe it. */
    public record Channel(UUID id, UUID workspaceId, String name, String topic, boolean isPrivate, boolean archived) {
        public Channel withName(String newName) {
            return new Channel(id, workspaceId, newName, topic, isPrivate, archived);
        }

        public Channel withTopic(String newTopic) {
            return new Channel(id, workspaceId, name, newTopic, isPrivate, archived);
        }

        public Channel archived(boolean value) {
            return new Channel(id, workspaceId, name, topic, isPrivate, value);
        }
    }

    // ----- workspace-service -----

    /** A workspace with its owner as OWNER; returns the workspace id. */
    public UUID workspace(UUID ownerId) {
        UUID workspaceId = UuidV7.next();
        member(workspaceId, ownerId, WorkspaceRole.OWNER);
        return workspaceId;
    }

    public Membership member(UUID workspaceId, UUID userId, WorkspaceRole role) {
        Membership membership = new Membership(workspaceId, userId, UuidV7.next(), 1, role);
        publishAndAwait(memberEvent(WorkspaceEvents.MEMBER_ADDED, membership));
        return membership;
    }

    public Membership changeRole(Membership membership, WorkspaceRole role) {
        Membership next = membership.next(role);
        publishAndAwait(memberEvent(WorkspaceEvents.MEMBER_UPDATED, next));
        return next;
    }

    public Membership removeMember(Membership membership) {
        Membership next = membership.next(membership.role());
        publishAndAwait(memberEvent(WorkspaceEvents.MEMBER_REMOVED, next));
        return next;
    }

    public EventEnvelope<WorkspaceMemberChanged> memberEvent(EventType<WorkspaceMemberChanged> type, Membership m) {
        Instant now = Instant.now();
        return EventEnvelope.of(
                type,
                "/workspace-service",
                m.workspaceId().toString(),
                null,
                new WorkspaceMemberChanged(
                        m.workspaceId(), m.userId(), m.membershipId(), m.revision(), m.role(), null, now, now));
    }

    public void deleteWorkspace(UUID workspaceId) {
        publishAndAwait(EventEnvelope.of(
                WorkspaceEvents.DELETED,
                "/workspace-service",
                workspaceId.toString(),
                null,
                new WorkspaceDeleted(workspaceId, Instant.now())));
    }

    // ----- channel-service -----

    /** channel.created and the creator's channel.member.added (OWNER), as channel-service publishes them. */
    public Channel channel(UUID workspaceId, UUID ownerId, String name, boolean isPrivate) {
        Channel channel = new Channel(UuidV7.next(), workspaceId, name, null, isPrivate, false);
        publishAndAwait(channelEvent(ChannelEvents.CREATED, channel));
        join(channel, ownerId, ChannelRole.OWNER);
        return channel;
    }

    public EventEnvelope<ChannelChanged> channelEvent(EventType<ChannelChanged> type, Channel c) {
        Instant now = Instant.now();
        return EventEnvelope.of(
                type,
                "/channel-service",
                c.id().toString(),
                null,
                new ChannelChanged(
                        c.id(),
                        c.workspaceId(),
                        c.name(),
                        null,
                        c.topic(),
                        ChannelType.TEXT,
                        c.isPrivate(),
                        c.archived(),
                        0,
                        null,
                        now,
                        now));
    }

    public void join(Channel channel, UUID userId, ChannelRole role) {
        publishAndAwait(channelMember(ChannelEvents.MEMBER_ADDED, channel, userId, role));
    }

    public void changeChannelRole(Channel channel, UUID userId, ChannelRole role) {
        publishAndAwait(channelMember(ChannelEvents.MEMBER_UPDATED, channel, userId, role));
    }

    public void leave(Channel channel, UUID userId) {
        publishAndAwait(channelMember(ChannelEvents.MEMBER_REMOVED, channel, userId, ChannelRole.MEMBER));
    }

    public EventEnvelope<ChannelMemberChanged> channelMember(
            EventType<ChannelMemberChanged> type, Channel channel, UUID userId, ChannelRole role) {
        Instant now = Instant.now();
        return EventEnvelope.of(
                type,
                "/channel-service",
                channel.id().toString(),
                null,
                new ChannelMemberChanged(
                        channel.id(), channel.workspaceId(), userId, role, false, channel.isPrivate(), now, now));
    }

    public Channel update(Channel channel) {
        publishAndAwait(channelEvent(ChannelEvents.UPDATED, channel));
        return channel;
    }

    public Channel archive(Channel channel, boolean archive) {
        Channel next = channel.archived(archive);
        publishAndAwait(channelEvent(archive ? ChannelEvents.ARCHIVED : ChannelEvents.UNARCHIVED, next));
        return next;
    }

    public void deleteChannel(Channel channel) {
        publishAndAwait(EventEnvelope.of(
                ChannelEvents.DELETED,
                "/channel-service",
                channel.id().toString(),
                null,
                new ChannelDeleted(
                        channel.id(), channel.workspaceId(), channel.name(), channel.isPrivate(), Instant.now())));
    }

    // ----- auth-service -----

    public void registered(UUID userId, String username) {
        send(EventEnvelope.of(
                UserEvents.REGISTERED,
                "/auth-service",
                userId.toString(),
                null,
                new UserRegistered(userId, username, username, null, Instant.now())));
        awaitUsername(userId, username);
    }

    public void renamed(UUID userId, String username) {
        send(EventEnvelope.of(
                UserEvents.UPDATED,
                "/auth-service",
                userId.toString(),
                null,
                new UserUpdated(userId, username, username, null, null, Instant.now())));
        awaitUsername(userId, username);
    }

    private void awaitUsername(UUID userId, String username) {
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForList("select username from users where user_id = ?", String.class, userId)
                        .contains(username));
    }

    // ----- dm-service -----

    public UUID conversation(UUID userA, UUID userB) {
        UUID id = UuidV7.next();
        UUID a = userA.compareTo(userB) < 0 ? userA : userB;
        UUID b = a.equals(userA) ? userB : userA;
        send(EventEnvelope.of(
                DmEvents.CONVERSATION_CREATED,
                "/dm-service",
                id.toString(),
                null,
                new ConversationPayload(id, a, b, List.of(a, b), Instant.now())));
        await().atMost(PATIENCE)
                .until(() ->
                        jdbc.queryForObject("select count(*) from dm_conversations where id = ?", Integer.class, id)
                                == 1);
        return id;
    }

    /** A direct message event, e.g. dm.message.created|deleted (sent without waiting: check the effect). */
    public void directMessage(
            EventType<DirectMessagePayload> type, UUID conversationId, UUID directMessageId, UUID senderId) {
        Instant now = Instant.now();
        send(EventEnvelope.of(
                type,
                "/dm-service",
                conversationId.toString(),
                1L,
                new DirectMessagePayload(
                        directMessageId,
                        conversationId,
                        senderId,
                        null,
                        MessageType.TEXT,
                        1,
                        false,
                        null,
                        true,
                        now,
                        false,
                        null,
                        2,
                        now,
                        now,
                        List.of(),
                        List.of())));
    }

    // ----- plumbing -----

    /** Sends a workspace or channel event and waits for its de-duplication row. */
    public void publishAndAwait(EventEnvelope<?> envelope) {
        send(envelope);
        String topic = EventType.byName(envelope.type()).orElseThrow().topic();
        String consumer = topic.equals(Topics.CHANNEL) ? "message-service.channel" : "message-service.workspace";
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from processed_event where consumer = ? and event_id = ?",
                                Integer.class,
                                consumer,
                                envelope.id())
                        == 1);
    }

    /** Sends without waiting; key = the subject (workspace, channel, user or conversation id). */
    public void send(EventEnvelope<?> envelope) {
        String topic = EventType.byName(envelope.type()).orElseThrow().topic();
        try {
            kafka.send(topic, envelope.subject(), json.write(envelope)).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + envelope.type(), e);
        }
    }
}
