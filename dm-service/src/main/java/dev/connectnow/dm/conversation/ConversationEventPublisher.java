package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventType;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.events.dm.DmEvents.DirectMessagePayload;
import dev.connectnow.events.dm.DmEvents.MessagesRead;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns conversation and message changes into outbox events on connectnow.dm. Every event is keyed by (and
 * about: subject) the conversation, so one conversation's events stay in order; message events carry the
 * message's seq as the envelope sequence, read events the seq read up to.
 */
@Component
public class ConversationEventPublisher {

    private final OutboxPublisher outbox;

    public ConversationEventPublisher(OutboxPublisher outbox) {
        this.outbox = outbox;
    }

    public void conversationCreated(Conversation c) {
        outbox.publish(
                DmEvents.CONVERSATION_CREATED,
                c.id(),
                new ConversationPayload(
                        c.id(),
                        c.participants().userA(),
                        c.participants().userB(),
                        c.participants().asList(),
                        c.createdAt()));
    }

    /** {@code dm.message.created|updated|deleted} with the message as it is now. */
    public void message(EventType<DirectMessagePayload> type, Participants participants, DirectMessage m) {
        outbox.publish(type, m.getConversationId(), m.getSeq(), payload(m, participants));
    }

    public void read(Conversation c, UUID readerId, UUID upToMessageId, long upToSeq, Instant readAt) {
        outbox.publish(
                DmEvents.MESSAGE_READ,
                c.id(),
                upToSeq,
                new MessagesRead(
                        c.id(),
                        readerId,
                        upToMessageId,
                        upToSeq,
                        readAt,
                        c.participants().asList()));
    }

    private static DirectMessagePayload payload(DirectMessage m, Participants participants) {
        return new DirectMessagePayload(
                m.getId(),
                m.getConversationId(),
                m.getSenderId(),
                m.getContent(),
                m.getType(),
                m.getSeq(),
                m.isEdited(),
                m.getEditedAt(),
                m.isDeleted(),
                m.getDeletedAt(),
                m.isRead(),
                m.getReadAt(),
                m.getVersion(),
                m.getCreatedAt(),
                m.getUpdatedAt(),
                m.getAttachments(),
                participants.asList());
    }
}
