package dev.connectnow.channel.consumer;

import dev.connectnow.channel.readstate.ReadStateService;
import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.events.message.MessageEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * connectnow.message: only message.created matters here. Its effects are monotonic (max seq, insert if
 * absent, read position only forwards), hence idempotent and order-tolerant without a de-duplication row
 * per message (which would double the writes of the busiest topic), so the handlers are not de-duplicated
 * and each runs in its own transaction (ReadStateService). message.deleted changes nothing: unread counts
 * are seq-based (see docs/channel.md).
 */
@Component
class MessageEventHandler {

    private final EventHandlers handlers;

    MessageEventHandler(EventDispatcher dispatcher, ReadStateService readState) {
        this.handlers = dispatcher
                .withoutDeduplication()
                .on(MessageEvents.CREATED, readState::onMessageCreated, "id", "channelId");
    }

    void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }
}
