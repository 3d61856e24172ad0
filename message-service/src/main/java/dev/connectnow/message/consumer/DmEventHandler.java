package dev.connectnow.message.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.message.attachment.AttachmentService;
import dev.connectnow.message.conversation.ConversationDirectory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * {@code connectnow.dm} (contract 1): conversations tell who may download a direct message's files, a created
 * direct message confirms its claim (unconfirmed claims expire), and a deleted one takes its files with it.
 * The other dm events do not concern files.
 */
@Component
public class DmEventHandler {

    /** The de-duplication scope; never rename it (events seen under it would be applied again). */
    static final String CONSUMER = "message-service.dm";

    private final EventHandlers handlers;

    public DmEventHandler(
            EventDispatcher dispatcher, ConversationDirectory conversations, AttachmentService attachments) {
        this.handlers = dispatcher
                .deduplicatedAs(CONSUMER)
                .on(
                        DmEvents.CONVERSATION_CREATED,
                        c -> conversations.record(c.id(), c.userAId(), c.userBId()),
                        "id",
                        "userAId",
                        "userBId")
                .on(DmEvents.MESSAGE_CREATED, message -> attachments.directMessageCreated(message.id()), "id")
                .on(DmEvents.MESSAGE_DELETED, message -> attachments.directMessageDeleted(message.id()), "id");
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }
}
