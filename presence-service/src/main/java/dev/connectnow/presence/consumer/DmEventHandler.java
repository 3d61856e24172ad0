package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.presence.visibility.Relationships;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * connectnow.dm: only {@code dm.conversation.created} matters here — two users with a conversation may see each
 * other's presence, for good (conversations are never deleted). Messages are not presence's business and are
 * skipped before any de-duplication row is written.
 */
@Component
public class DmEventHandler {

    private final EventHandlers handlers;
    private final Relationships relationships;
    private final Clock clock;

    public DmEventHandler(EventDispatcher dispatcher, Relationships relationships, Clock clock) {
        this.relationships = relationships;
        this.clock = clock;
        this.handlers = dispatcher
                .deduplicatedAs("presence-service.dm")
                .on(DmEvents.CONVERSATION_CREATED, this::created, "id", "userAId", "userBId");
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void created(ConversationPayload conversation) {
        relationships.recordConversation(
                conversation.id(),
                conversation.userAId(),
                conversation.userBId(),
                conversation.createdAt() != null ? conversation.createdAt() : clock.instant());
    }
}
