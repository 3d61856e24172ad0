package dev.connectnow.events.connection;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events of the connection context (realtime-service) on {@value Topics#CONNECTION}. Socket events are keyed
 * by user id, so one user's connects and disconnects stay in order; the instance heartbeat is keyed by
 * instance id and lists every socket the instance holds, so presence-service can expire the sockets of an
 * instance that died and repair socket events that were lost. Socket ids are internal: presence-service
 * keeps them, they never reach a client.
 */
public final class ConnectionEvents {

    public static final EventType<SocketConnected> SOCKET_CONNECTED =
            EventType.define("socket.connected", Topics.CONNECTION, SocketConnected.class);
    public static final EventType<SocketDisconnected> SOCKET_DISCONNECTED =
            EventType.define("socket.disconnected", Topics.CONNECTION, SocketDisconnected.class);
    public static final EventType<SocketActivity> SOCKET_ACTIVITY =
            EventType.define("socket.activity", Topics.CONNECTION, SocketActivity.class);
    public static final EventType<InstanceHeartbeat> INSTANCE_HEARTBEAT =
            EventType.define("realtime.instance.heartbeat", Topics.CONNECTION, InstanceHeartbeat.class);

    public record SocketConnected(UUID socketId, UUID userId, String instanceId, Instant connectedAt) {}

    /** {@code closeCode}: the WebSocket close code, e.g. 1000, 1001, 4003, 4010. */
    public record SocketDisconnected(
            UUID socketId,
            UUID userId,
            String instanceId,
            Instant connectedAt,
            Instant disconnectedAt,
            int closeCode) {}

    /** The client sent ACTIVITY (or otherwise showed it is in use); coalesced by the sender. */
    public record SocketActivity(UUID socketId, UUID userId, String instanceId, Instant activeAt) {}

    public record LiveSocket(UUID socketId, UUID userId, Instant connectedAt) {}

    /**
     * Sent every {@code interval}; an instance silent for longer than the consumer's lease is considered dead.
     * {@code sockets} is every socket the instance held when the heartbeat was sent; {@code stopping} marks
     * the last heartbeat of an instance that shuts down cleanly.
     */
    public record InstanceHeartbeat(
            String instanceId,
            Instant startedAt,
            Instant sentAt,
            long intervalMs,
            boolean stopping,
            List<LiveSocket> sockets) {}

    private ConnectionEvents() {}
}
