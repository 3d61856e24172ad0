package dev.connectnow.workspace.ban;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Reads {@code connectnow.user}; only bans and unbans matter here, every other type is skipped. */
@Component
class UserEventsListener {

    private final EventJson eventJson;
    private final BanProjection projection;

    UserEventsListener(EventJson eventJson, BanProjection projection) {
        this.eventJson = eventJson;
        this.projection = projection;
    }

    @KafkaListener(topics = Topics.USER)
    void onUserEvent(ConsumerRecord<String, String> record) {
        ReceivedEvent event = eventJson.read(record.value());
        if (BanProjection.handles(event)) {
            projection.apply(event);
        }
    }
}
