package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.presence.visibility.Relationships;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies connectnow.workspace to the membership projection (who shares a workspace, how large it is), each
 * event in one transaction with its de-duplication record; member events in any order by
 * {@link MembershipOrdering}, a deleted workspace stays deleted. Membership changes publish no presence: what
 * a client sees of a user does not change when they join a workspace, only who may see it.
 */
@Service
public class WorkspaceEventHandler {

    static final String CONSUMER = "presence-service.workspace";

    private final ProcessedEvents processed;
    private final Relationships relationships;
    private final Clock clock;

    public WorkspaceEventHandler(ProcessedEvents processed, Relationships relationships, Clock clock) {
        this.processed = processed;
        this.relationships = relationships;
        this.clock = clock;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.is(WorkspaceEvents.DELETED)) {
            WorkspaceDeleted deleted = event.data(WorkspaceEvents.DELETED);
            require(deleted.workspaceId() != null);
            relationships.recordDeleted(deleted.workspaceId(), clock.instant());
        } else if (event.is(WorkspaceEvents.MEMBER_ADDED)) {
            member(event.data(WorkspaceEvents.MEMBER_ADDED), false);
        } else if (event.is(WorkspaceEvents.MEMBER_UPDATED)) {
            member(event.data(WorkspaceEvents.MEMBER_UPDATED), false);
        } else if (event.is(WorkspaceEvents.MEMBER_REMOVED)) {
            member(event.data(WorkspaceEvents.MEMBER_REMOVED), true);
        }
        // workspace.created/updated carry nothing presence needs: the owner arrives as member.added
    }

    private void member(WorkspaceMemberChanged change, boolean removal) {
        require(change.workspaceId() != null && change.userId() != null && change.membershipId() != null);
        if (relationships.isDeleted(change.workspaceId())) {
            return;
        }
        MembershipOrdering.Held held = relationships.lockMembership(change.workspaceId(), change.userId());
        MembershipOrdering.Decision decision = MembershipOrdering.decide(
                held, new MembershipOrdering.Incoming(change.membershipId(), change.revision(), removal));
        if (!decision.apply()) {
            return;
        }
        Instant now = clock.instant();
        relationships.writeMembership(
                change.workspaceId(), change.userId(), change.membershipId(), change.revision(), removal, now);
        boolean wasMember = held != null && !held.removed();
        boolean isMember = !removal;
        if (wasMember != isMember) {
            relationships.countMember(change.workspaceId(), isMember ? 1 : -1, now);
        }
    }

    private static void require(boolean valid) {
        if (!valid) {
            throw new MalformedEventException("workspace event lacks required fields");
        }
    }
}
