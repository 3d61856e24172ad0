package dev.connectnow.channel.consumer;

import dev.connectnow.channel.readstate.ReadStateService;
import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.events.message.MessageEvents;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * connectnow.message: message.created moves the channel's last seq and message.deleted records a deleted
 * seq (so it stops counting as unread). Both effects are monotonic or insert-if-absent, hence idempotent and
 * order-tolerant without a de-duplication row per message (see docs/channel.md).
 */
@Component
class MessageEventHandler {

    private final EventHandlers handlers;

    MessageEventHandler(EventDispatcher dispatcher, ReadStateService readState) {
        this.handlers = dispatcher
                .withoutDeduplication()
                .on(MessageEvents.CREATED, readState::onMessageCreated, "id", "channelId")
                .on(MessageEvents.DELETED, readState::onMessageDeleted, "id", "channelId");
    }

    /** A poll's records, in one transaction (see {@code EventHandlers.handleBatch}). */
    void handle(List<ConsumerRecord<String, String>> records) {
        handlers.handleBatch(records);
    }
}
