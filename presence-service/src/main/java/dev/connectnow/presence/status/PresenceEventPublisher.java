package dev.connectnow.presence.status;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.presence.PresenceEvents.PresenceUpdated;
import dev.connectnow.presence.visibility.Relationships;
import dev.connectnow.presence.visibility.Relationships.WorkspaceSize;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns a change of what clients see into {@code presence.updated} on connectnow.presence, keyed by user id,
 * with the routing fields realtime-service needs (BRIEF contract 2): every workspace of the user, and those
 * small enough for co-members to receive the change without subscribing. Socket ids never go out.
 */
@Component
public class PresenceEventPublisher {

    private final OutboxPublisher outbox;
    private final Relationships relationships;
    private final PresenceProperties properties;

    public PresenceEventPublisher(OutboxPublisher outbox, Relationships relationships, PresenceProperties properties) {
        this.outbox = outbox;
        this.relationships = relationships;
        this.properties = properties;
    }

    void updated(UserPresence presence) {
        List<WorkspaceSize> workspaces = relationships.workspacesOf(presence.userId());
        List<UUID> fanOut = workspaces.stream()
                .filter(w -> w.memberCount() <= properties.fanOutMaxMembers())
                .map(WorkspaceSize::workspaceId)
                .toList();
        outbox.publish(
                PresenceEvents.UPDATED,
                presence.userId(),
                new PresenceUpdated(
                        presence.userId(),
                        presence.visible().status(),
                        presence.visible().statusText(),
                        presence.visible().lastActiveAt(),
                        workspaces.stream().map(WorkspaceSize::workspaceId).toList(),
                        fanOut));
    }
}
