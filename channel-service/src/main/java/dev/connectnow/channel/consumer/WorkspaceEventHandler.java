package dev.connectnow.channel.consumer;

import dev.connectnow.channel.directory.ChannelService;
import dev.connectnow.channel.workspace.WorkspaceDirectory;
import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceCreated;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceDeleted;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies connectnow.workspace events to the local projection and to channels, each event in one
 * transaction with its de-duplication record and the channel events it causes (outbox).
 */
@Service
public class WorkspaceEventHandler {

    static final String CONSUMER = "channel-service.workspace";
    private static final Logger log = LoggerFactory.getLogger(WorkspaceEventHandler.class);

    private final ProcessedEvents processed;
    private final WorkspaceDirectory directory;
    private final ChannelService channels;

    public WorkspaceEventHandler(ProcessedEvents processed, WorkspaceDirectory directory, ChannelService channels) {
        this.processed = processed;
        this.directory = directory;
        this.channels = channels;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.is(WorkspaceEvents.CREATED)) {
            created(event.data(WorkspaceEvents.CREATED));
        } else if (event.is(WorkspaceEvents.DELETED)) {
            deleted(event.data(WorkspaceEvents.DELETED));
        } else if (event.is(WorkspaceEvents.MEMBER_ADDED) || event.is(WorkspaceEvents.MEMBER_UPDATED)) {
            member(
                    event.data(
                            event.is(WorkspaceEvents.MEMBER_ADDED)
                                    ? WorkspaceEvents.MEMBER_ADDED
                                    : WorkspaceEvents.MEMBER_UPDATED),
                    false,
                    event.time());
        } else if (event.is(WorkspaceEvents.MEMBER_REMOVED)) {
            member(event.data(WorkspaceEvents.MEMBER_REMOVED), true, event.time());
        }
        // workspace.updated and types added later carry nothing channel-service needs
    }

    private void created(WorkspaceCreated workspace) {
        require(workspace.workspaceId() != null && workspace.ownerId() != null, "workspace.created");
        if (!directory.recordCreated(workspace.workspaceId(), workspace.ownerId())) {
            return; // replay of a creation after the deletion
        }
        // the owner can use the workspace even if workspace-service announces no member event for them;
        // a real member event for the owner supersedes this provisional row
        directory.writeProvisionalOwner(
                workspace.workspaceId(),
                workspace.ownerId(),
                workspace.createdAt() == null ? Instant.now() : workspace.createdAt());
        channels.createGeneral(workspace.workspaceId(), workspace.ownerId());
    }

    private void deleted(WorkspaceDeleted workspace) {
        require(workspace.workspaceId() != null, "workspace.deleted");
        directory.recordDeleted(workspace.workspaceId());
        channels.deleteWorkspaceChannels(workspace.workspaceId());
    }

    private void member(WorkspaceMemberChanged change, boolean removal, Instant eventTime) {
        require(
                change.workspaceId() != null
                        && change.userId() != null
                        && change.membershipId() != null
                        && change.role() != null,
                "workspace member event");
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
                change.changedAt() != null ? change.changedAt() : eventTime != null ? eventTime : Instant.now();
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

    private static void require(boolean valid, String what) {
        if (!valid) {
            throw new MalformedEventException(what + " lacks required fields");
        }
    }
}
