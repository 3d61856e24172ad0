package dev.connectnow.message.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import dev.connectnow.message.workspace.WorkspaceDirectory;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Applies {@code connectnow.workspace} to the membership projection (who is a member, with which role), each
 * event in one transaction with its de-duplication record. Member events may come late, twice or out of
 * order: {@link MembershipOrdering} decides whether one changes anything. The channel memberships a removal
 * ends arrive as {@code channel.member.removed} from channel-service; {@code workspace.created|updated} carry
 * nothing message-service needs.
 */
@Component
public class WorkspaceEventHandler {

    /** The de-duplication scope; never rename it (events seen under it would be applied again). */
    static final String CONSUMER = "message-service.workspace";

    private static final String[] MEMBER_FIELDS = {"workspaceId", "userId", "membershipId", "role"};

    private final WorkspaceDirectory directory;
    private final Clock clock;
    private final EventHandlers handlers;

    public WorkspaceEventHandler(EventDispatcher dispatcher, WorkspaceDirectory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        this.handlers = dispatcher
                .deduplicatedAs(CONSUMER)
                .on(WorkspaceEvents.DELETED, deleted -> directory.recordDeleted(deleted.workspaceId()), "workspaceId")
                .onEnvelope(WorkspaceEvents.MEMBER_ADDED, (m, event) -> member(m, false, event), MEMBER_FIELDS)
                .onEnvelope(WorkspaceEvents.MEMBER_UPDATED, (m, event) -> member(m, false, event), MEMBER_FIELDS)
                .onEnvelope(WorkspaceEvents.MEMBER_REMOVED, (m, event) -> member(m, true, event), MEMBER_FIELDS);
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void member(WorkspaceMemberChanged change, boolean removal, ReceivedEvent event) {
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
                change.changedAt() != null ? change.changedAt() : event.time() != null ? event.time() : clock.instant();
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
