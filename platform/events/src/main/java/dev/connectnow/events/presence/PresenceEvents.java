package dev.connectnow.events.presence;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Events of the presence context (presence-service), keyed by user id on {@value Topics#PRESENCE}, sent only
 * when what a client sees changed.
 */
public final class PresenceEvents {

    public static final EventType<PresenceUpdated> UPDATED =
            EventType.define("presence.updated", Topics.PRESENCE, PresenceUpdated.class);

    public enum PresenceStatus {
        ONLINE,
        AWAY,
        BUSY,
        OFFLINE
    }

    /**
     * The presence resource ({@code userId, status, statusText, lastActiveAt}) plus two routing fields that
     * realtime-service strips before delivery: {@code workspaceIds}, every workspace the user belongs to (who
     * may see this presence, besides DM partners), and {@code fanOutWorkspaceIds}, those of them small enough
     * (at most the configured member count) for co-members to receive the change without subscribing.
     */
    public record PresenceUpdated(
            UUID userId,
            PresenceStatus status,
            String statusText,
            Instant lastActiveAt,
            List<UUID> workspaceIds,
            List<UUID> fanOutWorkspaceIds) {}

    private PresenceEvents() {}
}
