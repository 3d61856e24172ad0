package dev.connectnow.workspace.directory;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventType;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceUpdated;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Turns workspace and membership changes into outbox events on connectnow.workspace, keyed by workspace id
 * (one partition per workspace keeps its events in commit order). Called inside the transaction that made
 * the change. The invite code never travels in events: it is a secret.
 */
@Component
public class WorkspaceEventPublisher {

    private final OutboxPublisher outbox;
    private final Clock clock;

    WorkspaceEventPublisher(OutboxPublisher outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void created(Workspace w) {
        outbox.publish(
                WorkspaceEvents.CREATED,
                w.getId(),
                new WorkspaceCreated(
                        w.getId(),
                        w.getName(),
                        w.getSlug(),
                        w.getDescription(),
                        w.getIconUrl(),
                        w.getOwnerId(),
                        w.isPublic(),
                        w.getCreatedAt()));
    }

    public void updated(Workspace w) {
        outbox.publish(
                WorkspaceEvents.UPDATED,
                w.getId(),
                new WorkspaceUpdated(
                        w.getId(),
                        w.getName(),
                        w.getSlug(),
                        w.getDescription(),
                        w.getIconUrl(),
                        w.getOwnerId(),
                        w.isPublic(),
                        w.getUpdatedAt()));
    }

    /** One event for the workspace and everything in it: no member.removed is sent per member. */
    public void deleted(Workspace w) {
        outbox.publish(WorkspaceEvents.DELETED, w.getId(), new WorkspaceDeleted(w.getId(), clock.instant()));
    }

    /** A new membership, as it now is. */
    public void memberAdded(WorkspaceMember m) {
        member(WorkspaceEvents.MEMBER_ADDED, m, m.getRevision(), m.getUpdatedAt());
    }

    /** A changed membership, as it now is. */
    public void memberUpdated(WorkspaceMember m) {
        member(WorkspaceEvents.MEMBER_UPDATED, m, m.getRevision(), m.getUpdatedAt());
    }

    /** A removal: one revision past the last change, carrying the last role held. */
    public void memberRemoved(WorkspaceMember m) {
        member(WorkspaceEvents.MEMBER_REMOVED, m, m.removalRevision(), clock.instant());
    }

    private void member(EventType<WorkspaceMemberChanged> type, WorkspaceMember m, long revision, Instant at) {
        outbox.publish(
                type,
                m.getWorkspaceId(),
                new WorkspaceMemberChanged(
                        m.getWorkspaceId(),
                        m.getUserId(),
                        m.getId(),
                        revision,
                        m.getRole(),
                        m.getNickname(),
                        m.getJoinedAt(),
                        at));
    }
}
