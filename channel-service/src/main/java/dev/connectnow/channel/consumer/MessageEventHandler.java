package dev.connectnow.channel.consumer;

import dev.connectnow.channel.readstate.ReadStateService;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.events.message.MessageEvents;
import org.springframework.stereotype.Component;

/**
 * connectnow.message: message.created moves the channel's last seq and message.deleted records a deleted
 * seq (so it stops counting as unread). Both effects are monotonic or insert-if-absent, hence idempotent and
 * order-tolerant without a de-duplication row per message (see docs/channel.md).
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
        } else if (event.is(MessageEvents.DELETED)) {
            readState.onMessageDeleted(event.data(MessageEvents.DELETED));
        }
    }
}
