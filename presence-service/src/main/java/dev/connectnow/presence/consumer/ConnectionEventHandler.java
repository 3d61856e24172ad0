package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.presence.connection.ConnectionProgress;
import dev.connectnow.presence.connection.ConnectionTracker;
import java.time.Instant;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * connectnow.connection: socket events (keyed by user) and instance heartbeats (keyed by instance), each
 * applied by {@link ConnectionTracker} in a transaction of its own. Without a de-duplication row per event:
 * these are the busiest events of the system (a heartbeat per instance every few seconds, activity per user)
 * and every effect is idempotent by itself — a socket id is applied once, activity only moves forward, a
 * heartbeat counts only if newer than the newest applied (see {@code SocketRules}) — so redelivery and a
 * consumer-group reset change nothing. Each record's progress is told to {@link ConnectionProgress} before and
 * after it is applied, so that leases are judged on how far the topic has been read.
 */
@Component
public class ConnectionEventHandler {

    private final EventHandlers handlers;
    private final EventJson json;
    private final ConnectionProgress progress;

    public ConnectionEventHandler(
            EventDispatcher dispatcher, EventJson json, ConnectionTracker tracker, ConnectionProgress progress) {
        this.json = json;
        this.progress = progress;
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

    /**
     * Applies one record; {@code consumer} is the listener's own, asked how many records wait after it. The
     * record's progress is told even when it is not an event (it goes to the dead-letter topic): its partition
     * moves on all the same.
     */
    public void handle(ConsumerRecord<String, String> record, Consumer<?, ?> consumer) {
        Instant producedAt = Instant.ofEpochMilli(record.timestamp());
        try {
            ReceivedEvent event = json.read(record.value());
            if (event.time() != null) {
                producedAt = event.time();
            }
            progress.reading(record, producedAt);
            handlers.handle(event);
        } finally {
            progress.applied(record, producedAt, consumer);
        }
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
