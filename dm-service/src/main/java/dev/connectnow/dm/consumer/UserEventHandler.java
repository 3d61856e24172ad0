package dev.connectnow.dm.consumer;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.dm.user.UserDirectory;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies connectnow.user to the user projection, each event in one transaction with its de-duplication
 * record. Profiles and bans are applied by their own timestamps (see {@link UserDirectory}), so the order of
 * arrival does not matter. {@code session.revoked} and types added later carry nothing dm-service needs.
 */
@Service
public class UserEventHandler {

    static final String CONSUMER = "dm-service.user";

    private final ProcessedEvents processed;
    private final UserDirectory users;

    public UserEventHandler(ProcessedEvents processed, UserDirectory users) {
        this.processed = processed;
        this.users = users;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.is(UserEvents.REGISTERED)) {
            UserRegistered user = event.data(UserEvents.REGISTERED);
            users.recordProfile(
                    require(user.userId(), event),
                    user.username(),
                    user.displayName(),
                    user.avatarUrl(),
                    timeOf(user.createdAt(), event));
        } else if (event.is(UserEvents.UPDATED)) {
            UserUpdated user = event.data(UserEvents.UPDATED);
            users.recordProfile(
                    require(user.userId(), event),
                    user.username(),
                    user.displayName(),
                    user.avatarUrl(),
                    timeOf(user.updatedAt(), event));
        } else if (event.is(UserEvents.BANNED)) {
            UserBanned banned = event.data(UserEvents.BANNED);
            users.recordBan(require(banned.userId(), event), timeOf(banned.bannedAt(), event));
        } else if (event.is(UserEvents.UNBANNED)) {
            UserUnbanned unbanned = event.data(UserEvents.UNBANNED);
            users.recordUnban(require(unbanned.userId(), event), timeOf(unbanned.unbannedAt(), event));
        }
    }

    private static UUID require(UUID userId, ReceivedEvent event) {
        if (userId == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks a user id");
        }
        return userId;
    }

    /** When the change happened: the payload's own timestamp, else the envelope's. */
    private static Instant timeOf(Instant payloadTime, ReceivedEvent event) {
        Instant time = payloadTime != null ? payloadTime : event.time();
        if (time == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks a time");
        }
        return time;
    }
}
