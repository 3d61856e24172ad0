package dev.connectnow.message.consumer;

import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import dev.connectnow.message.user.UserDirectory;
import java.time.Instant;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * {@code connectnow.user}: usernames for @mentions. The write only moves forward in time (by the event's
 * timestamp), so duplicates and replays are harmless without a de-duplication row.
 */
@Service
public class UserEventHandler {

    private final UserDirectory users;

    public UserEventHandler(UserDirectory users) {
        this.users = users;
    }

    public void handle(ReceivedEvent event) {
        if (event.is(UserEvents.REGISTERED)) {
            UserRegistered user = event.data(UserEvents.REGISTERED);
            put(user.userId(), user.username(), user.createdAt(), event);
        } else if (event.is(UserEvents.UPDATED)) {
            UserUpdated user = event.data(UserEvents.UPDATED);
            put(user.userId(), user.username(), user.updatedAt(), event);
        }
        // bans and sessions do not concern messages
    }

    private void put(java.util.UUID userId, String username, Instant at, ReceivedEvent event) {
        if (userId == null || username == null) {
            throw new MalformedEventException(event.type() + " lacks the user id or username");
        }
        Instant when = at != null ? at : event.time() != null ? event.time() : Instant.EPOCH;
        users.put(userId, username.toLowerCase(Locale.ROOT), when);
    }
}
