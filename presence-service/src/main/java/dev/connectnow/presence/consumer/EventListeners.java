package dev.connectnow.presence.consumer;

import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka entry points; group id is the application name (chassis default). */
@Component
public class EventListeners {

    private final ConnectionEventHandler connectionEvents;
    private final WorkspaceEventHandler workspaceEvents;
    private final DmEventHandler dmEvents;

    public EventListeners(
            ConnectionEventHandler connectionEvents, WorkspaceEventHandler workspaceEvents, DmEventHandler dmEvents) {
        this.connectionEvents = connectionEvents;
        this.workspaceEvents = workspaceEvents;
        this.dmEvents = dmEvents;
    }

    @KafkaListener(topics = Topics.CONNECTION)
    public void onConnectionEvent(ConsumerRecord<String, String> record) {
        connectionEvents.handle(record);
    }

    @KafkaListener(topics = Topics.WORKSPACE)
    public void onWorkspaceEvent(ConsumerRecord<String, String> record) {
        workspaceEvents.handle(record);
    }

    @KafkaListener(topics = Topics.DM)
    public void onDmEvent(ConsumerRecord<String, String> record) {
        dmEvents.handle(record);
    }
}
