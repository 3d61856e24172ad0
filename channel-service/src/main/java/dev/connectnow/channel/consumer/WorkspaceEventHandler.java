package dev.connectnow.channel.consumer;

import dev.connectnow.channel.directory.ChannelService;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies connectnow.workspace events to the local projection and to channels, each event in one
 * transaction with its de-duplication record and the channel events it causes (outbox). workspace.updated
 * carries nothing channel-service needs.
 */
@Component
class WorkspaceEventHandler {

    /** The de-duplication scope; never rename it (events seen under the old name would be applied again). */
    static final String CONSUMER = "channel-service.workspace";

    private static final Logger log = LoggerFactory.getLogger(WorkspaceEventHandler.class);
    private static final String[] MEMBER_FIELDS = {"workspaceId", "userId", "membershipId", "role"};

    private final EventHandlers handlers;
    private final WorkspaceDirectory directory;
    private final ChannelService channels;
    private final Clock clock;

    WorkspaceEventHandler(
            EventDispatcher dispatcher, WorkspaceDirectory directory, ChannelService channels, Clock clock) {
        this.directory = directory;
        this.channels = channels;
        this.clock = clock;
        this.handlers = dispatcher
                .deduplicatedAs(CONSUMER)
                .on(WorkspaceEvents.CREATED, this::created, "workspaceId", "ownerId")
                .on(WorkspaceEvents.DELETED, this::deleted, "workspaceId")
                .onEnvelope(
                        WorkspaceEvents.MEMBER_ADDED, (change, event) -> member(change, false, event), MEMBER_FIELDS)
                .onEnvelope(
                        WorkspaceEvents.MEMBER_UPDATED, (change, event) -> member(change, false, event), MEMBER_FIELDS)
                .onEnvelope(
                        WorkspaceEvents.MEMBER_REMOVED, (change, event) -> member(change, true, event), MEMBER_FIELDS);
    }

    void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void created(WorkspaceCreated workspace) {
        if (!directory.recordCreated(workspace.workspaceId(), workspace.ownerId())) {
            return; // replay of a creation after the deletion
        }
        // the owner can use the workspace even if workspace-service announces no member event for them;
        // a real member event for the owner supersedes this provisional row
        directory.writeProvisionalOwner(
                workspace.workspaceId(),
                workspace.ownerId(),
                workspace.createdAt() == null ? clock.instant() : workspace.createdAt());
        channels.createGeneral(workspace.workspaceId(), workspace.ownerId());
    }

    private void deleted(WorkspaceDeleted workspace) {
        directory.recordDeleted(workspace.workspaceId());
        channels.deleteWorkspaceChannels(workspace.workspaceId());
    }

    private void member(WorkspaceMemberChanged change, boolean removal, ReceivedEvent event) {
        if (directory.isDeleted(change.workspaceId())) {
            return;
        }
        MembershipOrdering.Held held = directory.lockHeld(change.workspaceId(), change.userId());
        MembershipOrdering.Decision decision = MembershipOrdering.decide(
                held, new MembershipOrdering.Incoming(change.membershipId(), change.revision(), removal));
        if (!decision.apply()) {
            log.debug("Ignored stale or duplicate member event for membership {}", change.membershipId());
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
        if (decision.startsMembership()) {
            channels.ensureInGeneral(change.workspaceId(), change.userId());
        }
        if (decision.endsMembership()) {
            channels.removeFromWorkspace(change.workspaceId(), change.userId());
        }
    }
}
