package dev.connectnow.presence.status;

import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import java.time.Instant;
import java.util.UUID;

/** The presence resource. Socket ids are internal and have no place here (S6). */
public record PresenceView(UUID userId, PresenceStatus status, String statusText, Instant lastActiveAt) {

    static PresenceView of(UUID userId, StatusMachine.Visible visible) {
        return new PresenceView(userId, visible.status(), visible.statusText(), visible.lastActiveAt());
    }
}
