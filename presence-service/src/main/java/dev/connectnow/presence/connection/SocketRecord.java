package dev.connectnow.presence.connection;

import java.time.Instant;
import java.util.UUID;

/** One row of {@code presence_sockets}; {@code closedReason} null = live. */
public record SocketRecord(
        UUID socketId,
        UUID userId,
        String instanceId,
        Instant connectedAt,
        Instant closedAt,
        ClosedReason closedReason) {

    public boolean isLive() {
        return closedReason == null;
    }
}
