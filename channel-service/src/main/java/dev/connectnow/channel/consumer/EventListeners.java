package dev.connectnow.channel.consumer;

import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka entry points, one per topic; group id is the application name (chassis default). */
@Component
class EventListeners {

    private final WorkspaceEventHandler workspaceEvents;
    private final MessageEventHandler messageEvents;

    EventListeners(WorkspaceEventHandler workspaceEvents, MessageEventHandler messageEvents) {
        this.workspaceEvents = workspaceEvents;
        this.messageEvents = messageEvents;
    }

    @KafkaListener(topics = Topics.WORKSPACE)
    void onWorkspaceEvent(ConsumerRecord<String, String> record) {
        workspaceEvents.handle(record);
    }

    @KafkaListener(topics = Topics.MESSAGE)
    void onMessageEvent(ConsumerRecord<String, String> record) {
        messageEvents.handle(record);
    }
}
