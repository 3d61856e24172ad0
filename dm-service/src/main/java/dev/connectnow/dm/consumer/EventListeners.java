package dev.connectnow.dm.consumer;

import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The Kafka entry points; group id is the application name (chassis default). */
@Component
public class EventListeners {

    private final UserEventHandler userEvents;

    public EventListeners(UserEventHandler userEvents) {
        this.userEvents = userEvents;
    }

    @KafkaListener(topics = Topics.USER)
    public void onUserEvent(ConsumerRecord<String, String> record) {
        userEvents.handle(record);
    }
}
