package dev.connectnow.message.consumer;

import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.events.dm.DmEvents.DirectMessagePayload;
import dev.connectnow.message.attachment.AttachmentService;
import dev.connectnow.message.conversation.ConversationDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code connectnow.dm} (contract 1): conversations tell who may download a direct message's files, a created
 * direct message confirms its claim (unconfirmed claims expire), and a deleted one takes its files with it.
 * Every effect is idempotent as it is (insert if absent, set a flag, mark deleted if not yet).
 */
@Service
public class DmEventHandler {

    private final ConversationDirectory conversations;
    private final AttachmentService attachments;

    public DmEventHandler(ConversationDirectory conversations, AttachmentService attachments) {
        this.conversations = conversations;
        this.attachments = attachments;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (event.is(DmEvents.CONVERSATION_CREATED)) {
            ConversationPayload conversation = event.data(DmEvents.CONVERSATION_CREATED);
            if (conversation.id() == null || conversation.userAId() == null || conversation.userBId() == null) {
                throw new MalformedEventException("dm.conversation.created lacks its ids");
            }
            conversations.record(conversation.id(), conversation.userAId(), conversation.userBId());
        } else if (event.is(DmEvents.MESSAGE_CREATED)) {
            DirectMessagePayload message = event.data(DmEvents.MESSAGE_CREATED);
            if (message.id() == null) {
                throw new MalformedEventException("dm.message.created lacks its id");
            }
            attachments.directMessageCreated(message.id());
        } else if (event.is(DmEvents.MESSAGE_DELETED)) {
            DirectMessagePayload message = event.data(DmEvents.MESSAGE_DELETED);
            if (message.id() == null) {
                throw new MalformedEventException("dm.message.deleted lacks its id");
            }
            attachments.directMessageDeleted(message.id());
        }
        // the other dm events do not concern files
    }
}
