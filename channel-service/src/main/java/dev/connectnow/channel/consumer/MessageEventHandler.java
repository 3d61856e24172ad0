package dev.connectnow.channel.consumer;

import dev.connectnow.channel.readstate.ReadStateService;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.events.message.MessageEvents;
import org.springframework.stereotype.Component;

/**
 * connectnow.message: only message.created matters here. Its effects are monotonic (max seq, insert if
 * absent, read position only forwards), hence idempotent and order-tolerant without a de-duplication row
 * per message. message.deleted changes nothing: unread counts are seq-based (see docs/channel.md).
 */
@Component
public class MessageEventHandler {

    private final ReadStateService readState;

    public MessageEventHandler(ReadStateService readState) {
        this.readState = readState;
    }

    public void handle(ReceivedEvent event) {
        if (event.is(MessageEvents.CREATED)) {
            readState.onMessageCreated(event.data(MessageEvents.CREATED));
        }
    }
}
