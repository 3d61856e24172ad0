package dev.connectnow.message.consumer;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.message.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code connectnow.workspace} to the membership projection (who is a member, with which role), each
 * event in one transaction with its de-duplication record. Member events may come late, twice or out of
 * order: {@link MembershipOrdering} decides whether one changes anything. The channel memberships a removal
 * ends arrive as {@code channel.member.removed} from channel-service.
 */
@Service
public class WorkspaceEventHandler {

    static final String CONSUMER = "message-service.workspace";

    private final ProcessedEvents processed;
    private final WorkspaceDirectory directory;
    private final Clock clock;

    public WorkspaceEventHandler(ProcessedEvents processed, WorkspaceDirectory directory, Clock clock) {
        this.processed = processed;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.is(WorkspaceEvents.DELETED)) {
            WorkspaceDeleted deleted = event.data(WorkspaceEvents.DELETED);
            if (deleted.workspaceId() == null) {
                throw new MalformedEventException("workspace.deleted lacks its id");
            }
            directory.recordDeleted(deleted.workspaceId());
        } else if (event.is(WorkspaceEvents.MEMBER_ADDED)) {
            member(event.data(WorkspaceEvents.MEMBER_ADDED), false, event.time());
        } else if (event.is(WorkspaceEvents.MEMBER_UPDATED)) {
            member(event.data(WorkspaceEvents.MEMBER_UPDATED), false, event.time());
        } else if (event.is(WorkspaceEvents.MEMBER_REMOVED)) {
            member(event.data(WorkspaceEvents.MEMBER_REMOVED), true, event.time());
        }
        // workspace.created/updated carry nothing message-service needs
    }

    private void member(WorkspaceMemberChanged change, boolean removal, Instant eventTime) {
        if (change.workspaceId() == null
                || change.userId() == null
                || change.membershipId() == null
                || change.role() == null) {
            throw new MalformedEventException("workspace member event lacks required fields");
        }
        if (directory.isDeleted(change.workspaceId())) {
            return;
        }
        MembershipOrdering.Held held = directory.lockHeld(change.workspaceId(), change.userId());
        MembershipOrdering.Decision decision = MembershipOrdering.decide(
                held, new MembershipOrdering.Incoming(change.membershipId(), change.revision(), removal));
        if (!decision.apply()) {
            return;
        }
        Instant changedAt =
                change.changedAt() != null ? change.changedAt() : eventTime != null ? eventTime : Instant.now(clock);
        directory.write(
                change.workspaceId(),
                change.userId(),
                change.membershipId(),
                change.revision(),
                change.role(),
                removal,
                changedAt);
    }
}
