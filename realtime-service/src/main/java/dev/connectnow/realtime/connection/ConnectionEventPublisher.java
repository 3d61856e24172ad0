package dev.connectnow.realtime.connection;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.events.connection.ConnectionEvents.SocketActivity;
import dev.connectnow.events.connection.ConnectionEvents.SocketConnected;
import dev.connectnow.events.connection.ConnectionEvents.SocketDisconnected;
import dev.connectnow.events.typing.TypingEvents;
import dev.connectnow.events.typing.TypingEvents.TypingStarted;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events realtime-service produces, with their payload mapping and keys: socket events keyed by user id
 * (one user's connects and disconnects stay in order), the instance heartbeat keyed by instance id, typing
 * keyed by channel id.
 */
public final class ConnectionEventPublisher {

    static final String SOURCE = "/realtime-service";

    private final EventSender sender;
    private final EventJson json;
    private final Clock clock;
    private final String instanceId;
    private final Instant startedAt;

    public ConnectionEventPublisher(EventSender sender, EventJson json, Clock clock, String instanceId) {
        this.sender = sender;
        this.json = json;
        this.clock = clock;
        this.instanceId = instanceId;
        this.startedAt = clock.instant();
    }

    public void connected(UUID socketId, UUID userId, Instant connectedAt) {
        send(
                ConnectionEvents.SOCKET_CONNECTED,
                userId,
                socketId.toString(),
                new SocketConnected(socketId, userId, instanceId, connectedAt));
    }

    public void disconnected(UUID socketId, UUID userId, Instant connectedAt, int closeCode) {
        send(
                ConnectionEvents.SOCKET_DISCONNECTED,
                userId,
                socketId.toString(),
                new SocketDisconnected(socketId, userId, instanceId, connectedAt, clock.instant(), closeCode));
    }

    public void activity(UUID socketId, UUID userId) {
        send(
                ConnectionEvents.SOCKET_ACTIVITY,
                userId,
                socketId.toString(),
                new SocketActivity(socketId, userId, instanceId, clock.instant()));
    }

    /**
     * @param sentAt  taken before {@code sockets} was collected: every socket announced before it is listed
     * @param sockets the sockets live at {@code sentAt}
     */
    public void heartbeat(Instant sentAt, List<LiveSocket> sockets, Duration interval, boolean stopping) {
        EventEnvelope<InstanceHeartbeat> envelope = EventEnvelope.of(
                ConnectionEvents.INSTANCE_HEARTBEAT,
                SOURCE,
                instanceId,
                null,
                new InstanceHeartbeat(instanceId, startedAt, sentAt, interval.toMillis(), stopping, sockets),
                sentAt);
        sender.send(ConnectionEvents.INSTANCE_HEARTBEAT.topic(), instanceId, json.write(envelope));
    }

    public void typing(UUID channelId, UUID workspaceId, UUID userId) {
        send(
                TypingEvents.STARTED,
                channelId,
                channelId.toString(),
                new TypingStarted(channelId, workspaceId, userId, clock.instant()));
    }

    private <T> void send(EventType<T> type, UUID key, String subject, T payload) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, SOURCE, subject, null, payload, clock.instant());
        sender.send(type.topic(), key.toString(), json.write(envelope));
    }
}
