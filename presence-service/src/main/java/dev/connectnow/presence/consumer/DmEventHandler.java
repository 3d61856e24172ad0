package dev.connectnow.presence.consumer;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.dm.DmEvents.ConversationPayload;
import dev.connectnow.presence.visibility.Relationships;
import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * connectnow.dm: only {@code dm.conversation.created} matters here — two users with a conversation may see each
 * other's presence, for good (conversations are never deleted). Messages are not presence's business.
 */
@Service
public class DmEventHandler {

    static final String CONSUMER = "presence-service.dm";

    private final ProcessedEvents processed;
    private final Relationships relationships;
    private final Clock clock;

    public DmEventHandler(ProcessedEvents processed, Relationships relationships, Clock clock) {
        this.processed = processed;
        this.relationships = relationships;
        this.clock = clock;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!event.is(DmEvents.CONVERSATION_CREATED) || !processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        ConversationPayload conversation = event.data(DmEvents.CONVERSATION_CREATED);
        if (conversation.id() == null || conversation.userAId() == null || conversation.userBId() == null) {
            throw new MalformedEventException("dm.conversation.created lacks required fields");
        }
        relationships.recordConversation(
                conversation.id(),
                conversation.userAId(),
                conversation.userBId(),
                conversation.createdAt() != null ? conversation.createdAt() : clock.instant());
    }
}
