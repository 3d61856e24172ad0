package dev.connectnow.message.post;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventType;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessagePayload;
import dev.connectnow.events.message.MessageEvents.ReactionChanged;
import dev.connectnow.events.message.MessageEvents.ReactionCount;
import dev.connectnow.message.attachment.AttachmentService;
import dev.connectnow.message.reaction.ReactionStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns message changes into outbox events on {@code connectnow.message}: keyed by channel id (one channel's
 * events stay in order), subject = message id, envelope {@code sequence} = the message's seq. Payloads are the
 * REST resource after the change plus {@code workspaceId} and {@code mentionedUserIds}; reactions without
 * the viewer's {@code me}.
 */
@Component
public class MessageEventPublisher {

    private final OutboxPublisher outbox;
    private final ReactionStore reactions;
    private final AttachmentService attachments;

    public MessageEventPublisher(OutboxPublisher outbox, ReactionStore reactions, AttachmentService attachments) {
        this.outbox = outbox;
        this.reactions = reactions;
        this.attachments = attachments;
    }

    /** {@code message.created}: a new message has no reactions yet. */
    public void created(Message m, UUID workspaceId, List<AttachmentPayload> attached) {
        publish(MessageEvents.CREATED, m, workspaceId, List.of(), attached);
    }

    /** {@code message.updated|deleted|pinned|unpinned}, with the message's current reactions and files. */
    public void changed(EventType<MessagePayload> type, Message m, UUID workspaceId) {
        if (m.isDeleted()) {
            publish(type, m, workspaceId, List.of(), List.of());
            return;
        }
        publish(
                type,
                m,
                workspaceId,
                reactions.counts(m.getId()),
                attachments.ofMessages(List.of(m.getId())).getOrDefault(m.getId(), List.of()));
    }

    public void reaction(
            EventType<ReactionChanged> type,
            Message m,
            UUID workspaceId,
            UUID userId,
            String emoji,
            long count,
            Instant at) {
        outbox.publishKeyed(
                type,
                m.getChannelId().toString(),
                m.getId().toString(),
                m.getSeq(),
                new ReactionChanged(
                        m.getId(), m.getChannelId(), workspaceId, m.getParentId(), userId, emoji, count, at));
    }

    private void publish(
            EventType<MessagePayload> type,
            Message m,
            UUID workspaceId,
            List<ReactionCount> reactionCounts,
            List<AttachmentPayload> attached) {
        outbox.publishKeyed(
                type,
                m.getChannelId().toString(),
                m.getId().toString(),
                m.getSeq(),
                new MessagePayload(
                        m.getId(),
                        m.getChannelId(),
                        workspaceId,
                        m.getUserId(),
                        m.getContent(),
                        m.getType(),
                        m.getParentId(),
                        m.getSeq(),
                        m.getReplyCount(),
                        m.isEdited(),
                        m.getEditedAt(),
                        m.isDeleted(),
                        m.getDeletedAt(),
                        m.isPinned(),
                        m.getPinnedAt(),
                        m.getVersion(),
                        m.getCreatedAt(),
                        m.getUpdatedAt(),
                        reactionCounts,
                        attached,
                        m.getMentionedUserIds()));
    }
}
