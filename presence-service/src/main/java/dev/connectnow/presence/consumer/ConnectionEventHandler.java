package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.presence.connection.ConnectionTracker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * connectnow.connection: socket events (keyed by user) and instance heartbeats (keyed by instance), each
 * applied by {@link ConnectionTracker} in a transaction of its own. Without a de-duplication row per event:
 * these are the busiest events of the system (a heartbeat per instance every few seconds, activity per user)
 * and every effect is idempotent by itself — a socket id is applied once, activity only moves forward, a
 * heartbeat counts only if newer than the newest applied (see {@code SocketRules}) — so redelivery and a
 * consumer-group reset change nothing.
 */
@Component
public class ConnectionEventHandler {

    private final EventHandlers handlers;

    public ConnectionEventHandler(EventDispatcher dispatcher, ConnectionTracker tracker) {
        this.handlers = dispatcher
                .withoutDeduplication()
                .on(
                        ConnectionEvents.SOCKET_CONNECTED,
                        tracker::connected,
                        "socketId",
                        "userId",
                        "instanceId",
                        "connectedAt")
                .on(
                        ConnectionEvents.SOCKET_DISCONNECTED,
                        tracker::disconnected,
                        "socketId",
                        "userId",
                        "instanceId",
                        "disconnectedAt")
                .on(ConnectionEvents.SOCKET_ACTIVITY, tracker::active, "socketId", "userId", "activeAt")
                .on(
                        ConnectionEvents.INSTANCE_HEARTBEAT,
                        heartbeat -> tracker.heartbeat(complete(heartbeat)),
                        "instanceId",
                        "sentAt");
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    /** Every listed socket must name itself, its user and its start. */
    private static InstanceHeartbeat complete(InstanceHeartbeat heartbeat) {
        if (heartbeat.sockets() != null) {
            for (LiveSocket socket : heartbeat.sockets()) {
                if (socket == null
                        || socket.socketId() == null
                        || socket.userId() == null
                        || socket.connectedAt() == null) {
                    throw new MalformedEventException("a socket of a heartbeat lacks required fields");
                }
            }
        }
        return heartbeat;
    }
}
