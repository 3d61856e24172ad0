package dev.connectnow.presence.support;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.MutableClock;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestTokens;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * presence-service on a random port with its own database, the shared Kafka broker, test tokens and a clock
 * that stands still until the test moves it; events of the other services come from {@link EventFeed}. Waits
 * are on the database state the events lead to (socket events leave no de-duplication row to wait for).
 */
@ServiceIntegrationTest
@Import(MutableClock.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IntegrationTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected MutableClock clock;

    protected EventFeed feed;

    /** The presence.updated events on connectnow.presence, read from the start of the topic. */
    protected PresenceTrail trail;

    @BeforeAll
    void openTrail() {
        trail = new PresenceTrail();
    }

    @AfterAll
    void closeTrail() {
        trail.close();
    }

    @BeforeEach
    void feed() {
        feed = new EventFeed(clock);
    }

    protected ApiClient api(UUID userId) {
        return ApiClient.local(port).as(TestTokens.accessToken(userId));
    }

    protected static UUID newUser() {
        return UuidV7.next();
    }

    /** The status stored for the user; OFFLINE when there is no row. */
    protected String status(UUID userId) {
        List<String> status =
                jdbc.queryForList("select status from user_presence where user_id = ?", String.class, userId);
        return status.isEmpty() ? "OFFLINE" : status.get(0);
    }

    protected void awaitStatus(UUID userId, String expected) {
        Await.until("user " + userId + " " + expected, () -> status(userId).equals(expected));
    }

    protected int liveSockets(UUID userId) {
        return jdbc.queryForObject(
                "select count(*) from presence_sockets where user_id = ? and closed_reason is null",
                Integer.class,
                userId);
    }

    /** The socket's row: its closed reason, "LIVE", or "UNKNOWN". */
    protected String socketState(UUID socketId) {
        List<String> state = jdbc.queryForList(
                "select coalesce(closed_reason, 'LIVE') from presence_sockets where socket_id = ?",
                String.class,
                socketId);
        return state.isEmpty() ? "UNKNOWN" : state.get(0);
    }

    protected void awaitSocketState(UUID socketId, String expected) {
        Await.until(
                "socket " + socketId + " " + expected,
                () -> socketState(socketId).equals(expected));
    }

    /** Sends a heartbeat and waits until it is the newest one applied for its instance. */
    protected void sendHeartbeat(EventEnvelope<InstanceHeartbeat> heartbeat) {
        TestEvents.send(heartbeat);
        awaitHeartbeatApplied(heartbeat.data().instanceId(), heartbeat.data().sentAt());
    }

    protected void awaitHeartbeatApplied(String instanceId, Instant sentAt) {
        Await.until(
                "heartbeat of " + instanceId + " at " + sentAt + " applied",
                () -> jdbc.queryForObject(
                                "select count(*) from realtime_instances where instance_id = ? and last_sent_at = ?",
                                Integer.class,
                                instanceId,
                                Timestamp.from(sentAt))
                        == 1);
    }

    /** Sends a workspace or dm event and waits until presence-service recorded it as processed. */
    protected void sendProcessed(EventEnvelope<?> envelope) {
        TestEvents.send(envelope);
        awaitProcessed(envelope.type(), envelope.id());
    }

    /** Waits until the de-duplicating consumer of the event's topic recorded the event id. */
    protected void awaitProcessed(String eventType, UUID eventId) {
        String consumer = "presence-service." + (eventType.startsWith("dm.") ? "dm" : "workspace");
        Await.until(
                consumer + " processed " + eventType + " " + eventId,
                () -> jdbc.queryForObject(
                                "select count(*) from processed_event where consumer = ? and event_id = ?",
                                Integer.class,
                                consumer,
                                eventId)
                        == 1);
    }
}
