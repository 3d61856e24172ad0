package dev.connectnow.message.consumer;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka entry points; group id is the application name (chassis default). */
@Component
public class EventListeners {

    private final EventJson json;
    private final ChannelEventHandler channelEvents;
    private final WorkspaceEventHandler workspaceEvents;
    private final UserEventHandler userEvents;
    private final DmEventHandler dmEvents;

    public EventListeners(
            EventJson json,
            ChannelEventHandler channelEvents,
            WorkspaceEventHandler workspaceEvents,
            UserEventHandler userEvents,
            DmEventHandler dmEvents) {
        this.json = json;
        this.channelEvents = channelEvents;
        this.workspaceEvents = workspaceEvents;
        this.userEvents = userEvents;
        this.dmEvents = dmEvents;
    }

    @KafkaListener(topics = Topics.CHANNEL)
    public void onChannelEvent(ConsumerRecord<String, String> record) {
        channelEvents.handle(json.read(record.value()));
    }

    @KafkaListener(topics = Topics.WORKSPACE)
    public void onWorkspaceEvent(ConsumerRecord<String, String> record) {
        workspaceEvents.handle(json.read(record.value()));
    }

    @KafkaListener(topics = Topics.USER)
    public void onUserEvent(ConsumerRecord<String, String> record) {
        userEvents.handle(json.read(record.value()));
    }

    @KafkaListener(topics = Topics.DM)
    public void onDmEvent(ConsumerRecord<String, String> record) {
        dmEvents.handle(json.read(record.value()));
    }
}
