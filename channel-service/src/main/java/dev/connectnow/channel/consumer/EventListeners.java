package dev.connectnow.channel.consumer;

import dev.connectnow.events.Topics;
import java.util.List;
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

    /**
     * Every message posted anywhere comes through here, so it takes a poll's records at once, in one
     * transaction; the broker holds a fetch until 32 KB or 100 ms have gathered (about 14 records at 200 posts
     * a second, measured), which an unread count never notices and which turns a commit per post into one per fetch.
     */
    @KafkaListener(
            topics = Topics.MESSAGE,
            batch = "true",
            properties = {"fetch.min.bytes=32768", "fetch.max.wait.ms=100"})
    void onMessageEvents(List<ConsumerRecord<String, String>> records) {
        messageEvents.handle(records);
    }
}
