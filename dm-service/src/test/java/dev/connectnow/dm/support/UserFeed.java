package dev.connectnow.dm.support;

import static org.awaitility.Awaitility.await;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.events.user.UserEvents.UserBanned;
import dev.connectnow.events.user.UserEvents.UserRegistered;
import dev.connectnow.events.user.UserEvents.UserUnbanned;
import dev.connectnow.events.user.UserEvents.UserUpdated;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Plays auth-service in tests: publishes connectnow.user events, as envelopes serialized by the chassis'
 * EventJson and keyed by user id, and waits until dm-service has applied them.
 */
public class UserFeed {

    private static final String CONSUMER = "dm-service.user";

    private final KafkaTemplate<String, String> kafka;
    private final EventJson json;
    private final JdbcTemplate jdbc;

    public UserFeed(KafkaTemplate<String, String> kafka, EventJson json, JdbcTemplate jdbc) {
        this.kafka = kafka;
        this.json = json;
        this.jdbc = jdbc;
    }

    /** A new user with a profile dm-service knows (user.registered applied). */
    public UUID register() {
        return registerAll(1).get(0);
    }

    /** Several new users, published together and awaited once. */
    public List<UUID> registerAll(int count) {
        List<EventEnvelope<?>> events = new java.util.ArrayList<>();
        List<UUID> users = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID user = UuidV7.next();
            users.add(user);
            events.add(registered(user, "user-" + user.toString().substring(24), now()));
        }
        publishAndAwait(events.toArray(EventEnvelope[]::new));
        return users;
    }

    public static String usernameOf(UUID user) {
        return "user-" + user.toString().substring(24);
    }

    public EventEnvelope<UserRegistered> registered(UUID user, String username, Instant at) {
        return envelope(
                UserEvents.REGISTERED,
                user,
                new UserRegistered(user, username, "Display " + username, "https://cdn.example/" + username, at));
    }

    public EventEnvelope<UserUpdated> updated(UUID user, String username, String displayName, Instant at) {
        return envelope(UserEvents.UPDATED, user, new UserUpdated(user, username, displayName, null, "bio", at));
    }

    public EventEnvelope<UserBanned> banned(UUID user, Instant at) {
        return envelope(UserEvents.BANNED, user, new UserBanned(user, "spam", at));
    }

    public EventEnvelope<UserUnbanned> unbanned(UUID user, Instant at) {
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

    /** Sends every event (keyed by its user) and waits until dm-service has processed all of them. */
    public void publishAndAwait(EventEnvelope<?>... events) {
        Arrays.stream(events).forEach(this::send);
        List<UUID> ids = Arrays.stream(events).map(EventEnvelope::id).toList();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from processed_event where consumer = ? and event_id = any(?)",
                                Integer.class,
                                CONSUMER,
                                ids.toArray(UUID[]::new))
                        == ids.size());
    }

    public void send(EventEnvelope<?> event) {
        sendRaw(event.subject(), json.write(event));
    }

    public void sendRaw(String key, String value) {
        try {
            kafka.send(Topics.USER, key, value).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.USER, e);
        }
    }
}
