package dev.connectnow.dm.support;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.TestEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Plays auth-service in tests: publishes connectnow.user events (the test kit keys them by user id, as
 * auth-service does) and waits until dm-service has applied them.
 */
public class UserFeed {

    private static final String CONSUMER = "dm-service.user";

    private final JdbcTemplate jdbc;

    public UserFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A new user with a profile dm-service knows (user.registered applied). */
    public UUID register() {
        return registerAll(1).get(0);
    }

    /** Several new users, published together and awaited once. */
    public List<UUID> registerAll(int count) {
        List<EventEnvelope<?>> events = new ArrayList<>();
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID user = UuidV7.next();
            users.add(user);
            events.add(registered(user, usernameOf(user), now()));
        }
        publishAndAwait(events.toArray(EventEnvelope[]::new));
        return users;
    }

    public static String usernameOf(UUID user) {
        return "user-" + user.toString().substring(24);
    }

    public static EventEnvelope<UserRegistered> registered(UUID user, String username, Instant at) {
        return envelope(
                UserEvents.REGISTERED,
                user,
                new UserRegistered(user, username, "Display " + username, "https://cdn.example/" + username, at));
    }

    public static EventEnvelope<UserUpdated> updated(UUID user, String username, String displayName, Instant at) {
        return envelope(UserEvents.UPDATED, user, new UserUpdated(user, username, displayName, null, "bio", at));
    }

    public static EventEnvelope<UserBanned> banned(UUID user, Instant at) {
        return envelope(UserEvents.BANNED, user, new UserBanned(user, "spam", at));
    }

    public static EventEnvelope<UserUnbanned> unbanned(UUID user, Instant at) {
        return envelope(UserEvents.UNBANNED, user, new UserUnbanned(user, at));
    }

    public void ban(UUID user) {
        publishAndAwait(banned(user, now()));
    }

    public void unban(UUID user) {
        publishAndAwait(unbanned(user, now()));
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static <T> EventEnvelope<T> envelope(EventType<T> type, UUID user, T data) {
        return EventEnvelope.of(type, "/auth-service", user.toString(), null, data);
    }

    /** Sends every event and waits until dm-service has processed all of them. */
    public void publishAndAwait(EventEnvelope<?>... events) {
        Arrays.stream(events).forEach(TestEvents::send);
        awaitProcessed(Arrays.stream(events).map(EventEnvelope::id).toArray(UUID[]::new));
    }

    /** Waits until dm-service's user consumer has recorded every one of these event ids. */
    public void awaitProcessed(UUID... eventIds) {
        Await.until(
                "dm-service applied " + eventIds.length + " user event(s)",
                () -> jdbc.queryForObject(
                                "select count(*) from processed_event where consumer = ? and event_id = any(?)",
                                Integer.class,
                                CONSUMER,
                                eventIds)
                        == eventIds.length);
    }
}
