package dev.connectnow.channel.consumer;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka entry points; group id is the application name (chassis default). */
@Component
public class EventListeners {

    private final EventJson json;
    private final WorkspaceEventHandler workspaceEvents;
    private final MessageEventHandler messageEvents;

    public EventListeners(EventJson json, WorkspaceEventHandler workspaceEvents, MessageEventHandler messageEvents) {
        this.json = json;
        this.workspaceEvents = workspaceEvents;
        this.messageEvents = messageEvents;
    }

    @KafkaListener(topics = Topics.WORKSPACE)
    public void onWorkspaceEvent(ConsumerRecord<String, String> record) {
        workspaceEvents.handle(json.read(record.value()));
    }

    @KafkaListener(topics = Topics.MESSAGE)
    public void onMessageEvent(ConsumerRecord<String, String> record) {
        messageEvents.handle(json.read(record.value()));
    }
}
