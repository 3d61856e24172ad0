package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.presence.visibility.Relationships;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Applies connectnow.workspace to the membership projection (who shares a workspace, how large it is), each
 * event in one transaction with its de-duplication record; member events in any order by
 * {@link MembershipOrdering}, a deleted workspace stays deleted. Membership changes publish no presence: what
 * a client sees of a user does not change when they join a workspace, only who may see it.
 * workspace.created/updated carry nothing presence needs (the owner arrives as member.added).
 */
@Component
public class WorkspaceEventHandler {

    private static final String[] MEMBER_FIELDS = {"workspaceId", "userId", "membershipId"};

    private final EventHandlers handlers;
    private final Relationships relationships;
    private final Clock clock;

    public WorkspaceEventHandler(EventDispatcher dispatcher, Relationships relationships, Clock clock) {
        this.relationships = relationships;
        this.clock = clock;
        this.handlers = dispatcher
                .deduplicatedAs("presence-service.workspace")
                .on(WorkspaceEvents.DELETED, this::deleted, "workspaceId")
                .on(WorkspaceEvents.MEMBER_ADDED, change -> member(change, false), MEMBER_FIELDS)
                .on(WorkspaceEvents.MEMBER_UPDATED, change -> member(change, false), MEMBER_FIELDS)
                .on(WorkspaceEvents.MEMBER_REMOVED, change -> member(change, true), MEMBER_FIELDS);
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void deleted(WorkspaceDeleted deleted) {
        relationships.recordDeleted(deleted.workspaceId(), clock.instant());
    }

    private void member(WorkspaceMemberChanged change, boolean removal) {
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
}
