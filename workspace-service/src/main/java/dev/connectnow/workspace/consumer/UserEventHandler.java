package dev.connectnow.workspace.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.workspace.ban.BannedUsers;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * connectnow.user: only bans and unbans matter here (every other type is ignored). Each is applied at most
 * once, in one transaction with its de-duplication record; a ban event without a user id or a time is
 * malformed and goes to the dead-letter topic.
 */
@Component
class UserEventHandler {

    /** The de-duplication scope; never rename it (events seen under the old name would be applied again). */
    static final String CONSUMER = "workspace-service.user-bans";

    private final EventHandlers handlers;
    private final BannedUsers bannedUsers;

    UserEventHandler(EventDispatcher dispatcher, BannedUsers bannedUsers) {
        this.bannedUsers = bannedUsers;
        this.handlers = dispatcher
                .deduplicatedAs(CONSUMER)
                .onEnvelope(UserEvents.BANNED, this::banned, "userId")
                .onEnvelope(UserEvents.UNBANNED, this::unbanned, "userId");
    }

    void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void banned(UserBanned ban, ReceivedEvent event) {
        bannedUsers.recordBan(ban.userId(), timeOf(ban.bannedAt(), event));
    }

    private void unbanned(UserUnbanned unban, ReceivedEvent event) {
        bannedUsers.recordUnban(unban.userId(), timeOf(unban.unbannedAt(), event));
    }

    /** The time the ban state changed: the payload's own timestamp, else the envelope's. */
    private static Instant timeOf(Instant payloadTime, ReceivedEvent event) {
        Instant time = payloadTime != null ? payloadTime : event.time();
        if (time == null) {
            throw new MalformedEventException(event.type() + " " + event.id() + " carries no time");
        }
        return time;
    }
}
