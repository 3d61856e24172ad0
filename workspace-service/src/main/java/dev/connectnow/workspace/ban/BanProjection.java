package dev.connectnow.workspace.ban;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applies one ban/unban event, at most once per event id (the id is recorded in the same transaction). */
@Component
class BanProjection {

    static final String CONSUMER = "workspace-service.user-bans";

    private final ProcessedEvents processedEvents;
    private final BannedUsers bannedUsers;

    BanProjection(ProcessedEvents processedEvents, BannedUsers bannedUsers) {
        this.processedEvents = processedEvents;
        this.bannedUsers = bannedUsers;
    }

    static boolean handles(ReceivedEvent event) {
        return event.is(UserEvents.BANNED) || event.is(UserEvents.UNBANNED);
    }

    @Transactional
    public void apply(ReceivedEvent event) {
        if (!processedEvents.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.is(UserEvents.BANNED)) {
            UserBanned banned = event.data(UserEvents.BANNED);
            require(banned.userId() != null, event);
            bannedUsers.recordBan(banned.userId(), timeOf(banned.bannedAt(), event));
        } else {
            UserUnbanned unbanned = event.data(UserEvents.UNBANNED);
            require(unbanned.userId() != null, event);
            bannedUsers.recordUnban(unbanned.userId(), timeOf(unbanned.unbannedAt(), event));
        }
    }

    /** The time the ban state changed: the payload's own timestamp, else the envelope's. */
    private static Instant timeOf(Instant payloadTime, ReceivedEvent event) {
        Instant time = payloadTime != null ? payloadTime : event.time();
        require(time != null, event);
        return time;
    }

    private static void require(boolean condition, ReceivedEvent event) {
        if (!condition) {
            throw new MalformedEventException(event.type() + " " + event.id() + " lacks a user id or a time");
        }
    }
}
