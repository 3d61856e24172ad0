package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.events.connection.ConnectionEvents.SocketActivity;
import dev.connectnow.events.connection.ConnectionEvents.SocketConnected;
import dev.connectnow.events.connection.ConnectionEvents.SocketDisconnected;
import dev.connectnow.presence.connection.ConnectionTracker;
import org.springframework.stereotype.Component;

/**
 * connectnow.connection: socket events (keyed by user) and instance heartbeats (keyed by instance). No
 * de-duplication row per event: these are the busiest events of the system (a heartbeat per instance every few
 * seconds, activity per user) and every effect is idempotent by itself — a socket id is applied once, activity
 * only moves forward, a heartbeat counts only if newer than the newest applied (see {@code SocketRules}) — so
 * redelivery and a consumer-group reset change nothing.
 */
@Component
public class ConnectionEventHandler {

    private final ConnectionTracker tracker;

    public ConnectionEventHandler(ConnectionTracker tracker) {
        this.tracker = tracker;
    }

    public void handle(ReceivedEvent event) {
        if (event.is(ConnectionEvents.SOCKET_CONNECTED)) {
            SocketConnected connected = event.data(ConnectionEvents.SOCKET_CONNECTED);
            require(connected.socketId() != null
                    && connected.userId() != null
                    && connected.instanceId() != null
                    && connected.connectedAt() != null);
            tracker.connected(connected);
        } else if (event.is(ConnectionEvents.SOCKET_DISCONNECTED)) {
            SocketDisconnected disconnected = event.data(ConnectionEvents.SOCKET_DISCONNECTED);
            require(disconnected.socketId() != null
                    && disconnected.userId() != null
                    && disconnected.instanceId() != null
                    && disconnected.disconnectedAt() != null);
            tracker.disconnected(disconnected);
        } else if (event.is(ConnectionEvents.SOCKET_ACTIVITY)) {
            SocketActivity activity = event.data(ConnectionEvents.SOCKET_ACTIVITY);
            require(activity.socketId() != null && activity.userId() != null && activity.activeAt() != null);
            tracker.active(activity);
        } else if (event.is(ConnectionEvents.INSTANCE_HEARTBEAT)) {
            InstanceHeartbeat heartbeat = event.data(ConnectionEvents.INSTANCE_HEARTBEAT);
            require(heartbeat.instanceId() != null
                    && heartbeat.sentAt() != null
                    && (heartbeat.sockets() == null
                            || heartbeat.sockets().stream().allMatch(ConnectionEventHandler::complete)));
            tracker.heartbeat(heartbeat);
        }
        // types added later are not presence's business until it knows them
    }

    private static boolean complete(LiveSocket socket) {
        return socket != null && socket.socketId() != null && socket.userId() != null && socket.connectedAt() != null;
    }

    private static void require(boolean valid) {
        if (!valid) {
            throw new MalformedEventException("connection event lacks required fields");
        }
    }
}
