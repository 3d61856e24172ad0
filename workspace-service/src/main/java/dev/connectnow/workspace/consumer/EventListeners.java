package dev.connectnow.workspace.consumer;

import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka entry points, one per topic; group id is the application name (chassis default). */
@Component
class EventListeners {

    private final UserEventHandler userEvents;

    EventListeners(UserEventHandler userEvents) {
        this.userEvents = userEvents;
    }

    @KafkaListener(topics = Topics.USER)
    void onUserEvent(ConsumerRecord<String, String> record) {
        userEvents.handle(record);
    }
}
