package dev.connectnow.message.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.message.user.UserDirectory;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * {@code connectnow.user}: usernames for @mentions. The write also only moves forward in time (by the change's
 * timestamp), so a late event of an older name never overwrites a newer one. Bans and sessions do not concern
 * messages.
 */
@Component
public class UserEventHandler {

    /** The de-duplication scope; never rename it (events seen under it would be applied again). */
    static final String CONSUMER = "message-service.user";

    private final UserDirectory users;
    private final EventHandlers handlers;

    public UserEventHandler(EventDispatcher dispatcher, UserDirectory users) {
        this.users = users;
        this.handlers = dispatcher
                .deduplicatedAs(CONSUMER)
                .onEnvelope(
                        UserEvents.REGISTERED,
                        (user, event) -> put(user.userId(), user.username(), user.createdAt(), event),
                        "userId",
                        "username")
                .onEnvelope(
                        UserEvents.UPDATED,
                        (user, event) -> put(user.userId(), user.username(), user.updatedAt(), event),
                        "userId",
                        "username");
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void put(UUID userId, String username, Instant at, ReceivedEvent event) {
        Instant when = at != null ? at : event.time() != null ? event.time() : Instant.EPOCH;
        users.put(userId, username.toLowerCase(Locale.ROOT), when);
    }
}
