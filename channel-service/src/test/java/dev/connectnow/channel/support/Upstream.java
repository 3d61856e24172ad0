package dev.connectnow.channel.support;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.message.MessageEvents.MessagePayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.TestEvents;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plays workspace-service and message-service in tests: builds their events as they would, sends them with
 * the test kit's {@link TestEvents} (their topics and keys) and waits with {@link Await} until channel-service
 * has applied them.
 */
public class Upstream {

    private static final String WORKSPACE_CONSUMER = "channel-service.workspace";

    private final JdbcTemplate jdbc;

    public Upstream(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One membership as workspace-service tracks it. */
    public record Membership(UUID workspaceId, UUID userId, UUID membershipId, long revision, WorkspaceRole role) {

        public Membership next(WorkspaceRole newRole) {
            return new Membership(workspaceId, userId, membershipId, revision + 1, newRole);
        }
    }

    // ----- workspace-service -----

    /** workspace.created followed by member.added for the owner, as workspace-service does; applied. */
    public UUID createWorkspace(UUID ownerId) {
        UUID workspaceId = UuidV7.next();
        publishAndAwait(workspaceCreated(workspaceId, ownerId));
        addMember(workspaceId, ownerId, WorkspaceRole.OWNER);
        return workspaceId;
    }

    public EventEnvelope<WorkspaceCreated> workspaceCreated(UUID workspaceId, UUID ownerId) {
        return envelope(
                WorkspaceEvents.CREATED,
                workspaceId,
                new WorkspaceCreated(
                        workspaceId,
                        "Workspace",
                        "ws-" + workspaceId.toString().substring(0, 8),
                        null,
                        null,
                        ownerId,
                        false,
                        Instant.now()));
    }

    public EventEnvelope<WorkspaceDeleted> workspaceDeleted(UUID workspaceId) {
        return envelope(WorkspaceEvents.DELETED, workspaceId, new WorkspaceDeleted(workspaceId, Instant.now()));
    }

    /** A new membership (fresh UUIDv7), applied. */
    public Membership addMember(UUID workspaceId, UUID userId, WorkspaceRole role) {
        Membership membership = new Membership(workspaceId, userId, UuidV7.next(), 1, role);
        publishAndAwait(memberAdded(membership));
        return membership;
    }

    /** A role change (revision + 1), applied. */
    public Membership changeRole(Membership membership, WorkspaceRole role) {
        Membership next = membership.next(role);
        publishAndAwait(memberUpdated(next));
        return next;
    }

    /** Removal (revision + 1), applied. */
    public Membership removeMember(Membership membership) {
        Membership next = membership.next(membership.role());
        publishAndAwait(memberRemoved(next));
        return next;
    }

    public EventEnvelope<WorkspaceMemberChanged> memberAdded(Membership m) {
        return member(WorkspaceEvents.MEMBER_ADDED, m);
    }

    public EventEnvelope<WorkspaceMemberChanged> memberUpdated(Membership m) {
        return member(WorkspaceEvents.MEMBER_UPDATED, m);
    }

    public EventEnvelope<WorkspaceMemberChanged> memberRemoved(Membership m) {
        return member(WorkspaceEvents.MEMBER_REMOVED, m);
    }

    private EventEnvelope<WorkspaceMemberChanged> member(EventType<WorkspaceMemberChanged> type, Membership m) {
        return envelope(
                type,
                m.workspaceId(),
                new WorkspaceMemberChanged(
                        m.workspaceId(),
                        m.userId(),
                        m.membershipId(),
                        m.revision(),
                        m.role(),
                        null,
                        Instant.now(),
                        Instant.now()));
    }

    private <T> EventEnvelope<T> envelope(EventType<T> type, UUID workspaceId, T data) {
        return EventEnvelope.of(type, "/workspace-service", workspaceId.toString(), null, data);
    }

    /** Sends a workspace event (keyed by workspace id) and waits until channel-service has processed it. */
    public void publishAndAwait(EventEnvelope<?> envelope) {
        TestEvents.send(envelope);
        awaitProcessed(envelope.id());
    }

    public void awaitProcessed(UUID eventId) {
        Await.until(
                "workspace event " + eventId + " processed",
                () -> jdbc.queryForObject(
                                "select count(*) from processed_event where consumer = ? and event_id = ?",
                                Integer.class,
                                WORKSPACE_CONSUMER,
                                eventId)
                        == 1);
    }

    // ----- message-service -----

    public EventEnvelope<MessagePayload> messageCreated(UUID channelId, UUID messageId, long seq, UUID authorId) {
        return messageCreated(channelId, messageId, seq, authorId, null);
    }

    /** @param parentId a thread reply's root (a reply takes a seq of the channel's sequence too); null: none */
    public EventEnvelope<MessagePayload> messageCreated(
            UUID channelId, UUID messageId, long seq, UUID authorId, UUID parentId) {
        return EventEnvelope.of(
                MessageEvents.CREATED,
                "/message-service",
                messageId.toString(),
                seq,
                message(channelId, messageId, seq, authorId, parentId, false));
    }

    public EventEnvelope<MessagePayload> messageDeleted(UUID channelId, UUID messageId, long seq) {
        return EventEnvelope.of(
                MessageEvents.DELETED,
                "/message-service",
                messageId.toString(),
                seq,
                message(channelId, messageId, seq, null, null, true));
    }

    private static MessagePayload message(
            UUID channelId, UUID messageId, long seq, UUID authorId, UUID parentId, boolean deleted) {
        Instant now = Instant.now();
        return new MessagePayload(
                messageId,
                channelId,
                null,
                authorId,
                deleted ? null : "hello",
                MessageType.TEXT,
                parentId,
                seq,
                0,
                false,
                null,
                deleted,
                deleted ? now : null,
                false,
                null,
                1,
                now,
                now,
                List.of(),
                List.of(),
                List.of());
    }

    /** Posts a message event as message-service would (keyed by channel id) and waits until the seq shows. */
    public UUID postMessage(UUID channelId, long seq, UUID authorId) {
        return postReply(channelId, seq, authorId, null);
    }

    /** {@link #postMessage} for a reply in the thread of {@code parentId} (null: a message of the timeline). */
    public UUID postReply(UUID channelId, long seq, UUID authorId, UUID parentId) {
        UUID messageId = UuidV7.next();
        TestEvents.send(messageCreated(channelId, messageId, seq, authorId, parentId));
        awaitChannelSeq(channelId, seq);
        return messageId;
    }

    public void awaitChannelSeq(UUID channelId, long seq) {
        Await.until(
                "channel " + channelId + " at seq " + seq,
                () -> jdbc.queryForObject(
                                "select count(*) from channels where id = ? and last_message_seq >= ?",
                                Integer.class,
                                channelId,
                                seq)
                        == 1);
    }
}
