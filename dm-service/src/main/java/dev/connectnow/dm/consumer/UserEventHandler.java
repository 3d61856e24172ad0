package dev.connectnow.dm.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.dm.user.UserDirectory;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Applies connectnow.user to the user projection, each event once (de-duplicated in the transaction of its
 * effect). Profiles and bans are applied by their own timestamps (see {@link UserDirectory}), so the order of
 * arrival does not matter. {@code session.revoked} and types added later carry nothing dm-service needs.
 */
@Component
public class UserEventHandler {

    private final UserDirectory users;
    private final EventHandlers handlers;

    public UserEventHandler(EventDispatcher dispatcher, UserDirectory users) {
        this.users = users;
        this.handlers = dispatcher
                .deduplicatedAs("dm-service.user")
                .onEnvelope(UserEvents.REGISTERED, this::registered, "userId")
                .onEnvelope(UserEvents.UPDATED, this::updated, "userId")
                .onEnvelope(UserEvents.BANNED, this::banned, "userId")
                .onEnvelope(UserEvents.UNBANNED, this::unbanned, "userId");
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void registered(UserRegistered user, ReceivedEvent event) {
        users.recordProfile(
                user.userId(), user.username(), user.displayName(), user.avatarUrl(), timeOf(user.createdAt(), event));
    }

    private void updated(UserUpdated user, ReceivedEvent event) {
        users.recordProfile(
                user.userId(), user.username(), user.displayName(), user.avatarUrl(), timeOf(user.updatedAt(), event));
    }

    private void banned(UserBanned ban, ReceivedEvent event) {
        users.recordBan(ban.userId(), timeOf(ban.bannedAt(), event));
    }

    private void unbanned(UserUnbanned unban, ReceivedEvent event) {
        users.recordUnban(unban.userId(), timeOf(unban.unbannedAt(), event));
    }

    /** When the change happened: the payload's own timestamp, else the envelope's. */
    private static Instant timeOf(Instant payloadTime, ReceivedEvent event) {
        Instant time = payloadTime != null ? payloadTime : event.time();
        if (time == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no time");
        }
        return time;
    }
}
