package dev.connectnow.presence.support;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.events.connection.ConnectionEvents.SocketActivity;
import dev.connectnow.events.connection.ConnectionEvents.SocketConnected;
import dev.connectnow.events.connection.ConnectionEvents.SocketDisconnected;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.testkit.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Plays realtime-service, workspace-service and dm-service in tests: builds their events, timestamped by the
 * test's clock, and sends them with the test kit's {@link TestEvents} (its own producer, so a test can cut the
 * service's producer without cutting this one).
 */
public final class EventFeed {

    private final Clock clock;

    public EventFeed(Clock clock) {
        this.clock = clock;
    }

    /** One socket as realtime-service knows it. */
    public record Socket(UUID socketId, UUID userId, String instanceId, Instant connectedAt) {

        public LiveSocket live() {
            return new LiveSocket(socketId, userId, connectedAt);
        }
    }

    // ----- realtime-service -----

    public static String newInstance() {
        return "realtime-service:test-" + UuidV7.next();
    }

    /** A socket connecting now (the test's clock). */
    public Socket socket(UUID userId, String instanceId) {
        return socket(userId, instanceId, clock.instant());
    }

    public Socket socket(UUID userId, String instanceId, Instant connectedAt) {
        return new Socket(UuidV7.next(), userId, instanceId, connectedAt);
    }

    public EventEnvelope<SocketConnected> connected(Socket s) {
        return envelope(
                ConnectionEvents.SOCKET_CONNECTED,
                "/realtime-service",
                s.socketId(),
                new SocketConnected(s.socketId(), s.userId(), s.instanceId(), s.connectedAt()));
    }

    public EventEnvelope<SocketDisconnected> disconnected(Socket s) {
        return disconnected(s, clock.instant());
    }

    public EventEnvelope<SocketDisconnected> disconnected(Socket s, Instant at) {
        return envelope(
                ConnectionEvents.SOCKET_DISCONNECTED,
                "/realtime-service",
                s.socketId(),
                new SocketDisconnected(s.socketId(), s.userId(), s.instanceId(), s.connectedAt(), at, 1000));
    }

    public EventEnvelope<SocketActivity> activity(Socket s, Instant at) {
        return envelope(
                ConnectionEvents.SOCKET_ACTIVITY,
                "/realtime-service",
                s.socketId(),
                new SocketActivity(s.socketId(), s.userId(), s.instanceId(), at));
    }

    /** A heartbeat sent now (the test's clock) listing {@code sockets}. */
    public EventEnvelope<InstanceHeartbeat> heartbeat(String instanceId, Socket... sockets) {
        return heartbeat(instanceId, clock.instant(), false, sockets);
    }

    public EventEnvelope<InstanceHeartbeat> heartbeat(
            String instanceId, Instant sentAt, boolean stopping, Socket... sockets) {
        List<LiveSocket> live = Arrays.stream(sockets).map(Socket::live).toList();
        return envelope(
                ConnectionEvents.INSTANCE_HEARTBEAT,
                "/realtime-service",
                instanceId,
                new InstanceHeartbeat(instanceId, sentAt.minusSeconds(3600), sentAt, 10_000, stopping, live));
    }

    // ----- workspace-service -----

    /** One membership as workspace-service tracks it. */
    public record Membership(UUID workspaceId, UUID userId, UUID membershipId, long revision) {

        public Membership next() {
            return new Membership(workspaceId, userId, membershipId, revision + 1);
        }
    }

    public static Membership newMembership(UUID workspaceId, UUID userId) {
        return new Membership(workspaceId, userId, UuidV7.next(), 1);
    }

    public EventEnvelope<WorkspaceMemberChanged> memberAdded(Membership m) {
        return member(WorkspaceEvents.MEMBER_ADDED, m);
    }

    public EventEnvelope<WorkspaceMemberChanged> memberRemoved(Membership m) {
        return member(WorkspaceEvents.MEMBER_REMOVED, m);
    }

    private EventEnvelope<WorkspaceMemberChanged> member(EventType<WorkspaceMemberChanged> type, Membership m) {
        return envelope(
                type,
                "/workspace-service",
                m.workspaceId(),
                new WorkspaceMemberChanged(
                        m.workspaceId(),
                        m.userId(),
                        m.membershipId(),
                        m.revision(),
                        WorkspaceRole.MEMBER,
                        null,
                        clock.instant(),
                        clock.instant()));
    }

    public EventEnvelope<WorkspaceDeleted> workspaceDeleted(UUID workspaceId) {
        return envelope(
                WorkspaceEvents.DELETED,
                "/workspace-service",
                workspaceId,
                new WorkspaceDeleted(workspaceId, clock.instant()));
    }

    // ----- dm-service -----

    public EventEnvelope<ConversationPayload> conversationCreated(UUID a, UUID b) {
        UUID first = MembershipOrdering.compareUnsigned(a, b) < 0 ? a : b;
        UUID second = first.equals(a) ? b : a;
        UUID conversationId = UuidV7.next();
        return envelope(
                DmEvents.CONVERSATION_CREATED,
                "/dm-service",
                conversationId,
                new ConversationPayload(conversationId, first, second, List.of(first, second), clock.instant()));
    }

    // ----- sending -----

    private <T> EventEnvelope<T> envelope(EventType<T> type, String source, Object subject, T data) {
        return EventEnvelope.of(type, source, String.valueOf(subject), null, data, clock.instant());
    }

    /** Sends each envelope, keyed as its producer keys it, and waits for the broker's acknowledgement. */
    public void send(EventEnvelope<?>... envelopes) {
        for (EventEnvelope<?> envelope : envelopes) {
            TestEvents.send(envelope);
        }
    }
}
