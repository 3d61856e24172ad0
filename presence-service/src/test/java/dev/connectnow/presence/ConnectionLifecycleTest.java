package dev.connectnow.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.presence.support.EventFeed;
import dev.connectnow.presence.support.EventFeed.Socket;
import dev.connectnow.presence.support.IntegrationTestBase;
import dev.connectnow.testkit.EventCollector.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The status machine fed by socket events, with the clock held still: multi-socket users, the offline grace,
 * AWAY after five minutes without activity, BUSY stickiness, redelivery and reordering — and
 * {@code presence.updated} exactly when what clients see changes. Instance leases are a day long here (they
 * are {@link InstanceFailureTest}'s subject), so moving the clock by minutes expires nothing.
 */
@TestPropertySource(
        properties = {
            "connectnow.presence.instance-lease=1d",
            "connectnow.presence.offline-grace=5s",
            "connectnow.presence.away-after=5m",
            "connectnow.presence.timer-interval=50ms"
        })
class ConnectionLifecycleTest extends IntegrationTestBase {

    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Duration AWAY_AFTER = Duration.ofMinutes(5);

    private JsonNode mine(UUID user) {
        return api(user).get("/api/presence/me").json();
    }

    @Test
    void firstSocketMakesTheUserOnlineMoreSocketsChangeNothingAndTheLastOneLeavingMakesThemOfflineAfterTheGrace() {
        UUID user = newUser();
        Socket laptop = feed.socket(user, EventFeed.newInstance());
        Instant connectedAt = laptop.connectedAt();
        feed.send(feed.connected(laptop));
        awaitStatus(user, "ONLINE");
        assertThat(mine(user).get("lastActiveAt").asString()).isEqualTo(connectedAt.toString());

        clock.advance(Duration.ofSeconds(10));
        Socket phone = feed.socket(user, EventFeed.newInstance());
        feed.send(feed.connected(phone), feed.activity(phone, clock.instant()), feed.disconnected(laptop));
        awaitSocketState(laptop.socketId(), "DISCONNECTED");
        assertThat(liveSockets(user)).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select unnest(socket_ids) from user_presence where user_id = ?", UUID.class, user))
                .containsExactly(phone.socketId());
        assertThat(status(user)).isEqualTo("ONLINE");

        clock.advance(Duration.ofSeconds(10));
        Instant lastSocketClosed = clock.instant();
        feed.send(feed.disconnected(phone, lastSocketClosed));
        awaitSocketState(phone.socketId(), "DISCONNECTED");
        // the grace has not passed on the held clock: nothing is broadcast yet
        assertThat(status(user)).isEqualTo("ONLINE");

        clock.advance(GRACE);
        awaitStatus(user, "OFFLINE");
        JsonNode offline = mine(user);
        assertThat(offline.get("lastActiveAt").asString()).isEqualTo(lastSocketClosed.toString());

        List<Received> events = trail.exactly(user, 2);
        assertThat(events).extracting(r -> r.data().path("status").asString()).containsExactly("ONLINE", "OFFLINE");
        assertThat(events.get(0).data().get("lastActiveAt").asString()).isEqualTo(connectedAt.toString());
        assertThat(events.get(1).data().get("lastActiveAt").asString()).isEqualTo(lastSocketClosed.toString());
        assertThat(events).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(user.toString());
            assertThat(r.value())
                    .doesNotContain(laptop.socketId().toString())
                    .doesNotContain(phone.socketId().toString());
        });
    }

    @Test
    void aReconnectWithinTheGraceIsNotBroadcast() {
        UUID user = newUser();
        String instance = EventFeed.newInstance();
        Socket before = feed.socket(user, instance);
        feed.send(feed.connected(before));
        awaitStatus(user, "ONLINE");

        clock.advance(Duration.ofSeconds(1));
        Socket after = feed.socket(user, instance);
        feed.send(feed.disconnected(before), feed.connected(after)); // a page reload
        awaitSocketState(after.socketId(), "LIVE");
        clock.advance(GRACE.multipliedBy(2));
        // a change the test makes, so "nothing in between" is observable: the status text
        assertThat(api(user)
                        .put("/api/presence/me", Map.of("statusText", "back"))
                        .status())
                .isEqualTo(200);

        List<Received> events = trail.exactly(user, 2);
        assertThat(events).extracting(r -> r.data().path("status").asString()).containsExactly("ONLINE", "ONLINE");
        assertThat(events.get(1).data().get("statusText").asString()).isEqualTo("back");
    }

    @Test
    void noActivityForFiveMinutesMakesTheUserAwayAndActivityBringsThemBack() {
        UUID user = newUser();
        UUID earlier = newUser(); // idle one second longer: proves the timer ran at each clock position
        Instant start = clock.instant();
        feed.send(feed.connected(feed.socket(earlier, EventFeed.newInstance(), start.minusSeconds(1))));
        Socket socket = feed.socket(user, EventFeed.newInstance(), start);
        feed.send(feed.connected(socket));
        awaitStatus(user, "ONLINE");
        awaitStatus(earlier, "ONLINE");

        clock.advance(AWAY_AFTER.minusMillis(500));
        awaitStatus(earlier, "AWAY");
        assertThat(status(user)).isEqualTo("ONLINE");

        clock.advance(Duration.ofMillis(500));
        awaitStatus(user, "AWAY");
        assertThat(mine(user).get("lastActiveAt").asString()).isEqualTo(start.toString());

        clock.advance(Duration.ofMinutes(30));
        Instant activeAt = clock.instant();
        feed.send(feed.activity(socket, activeAt));
        awaitStatus(user, "ONLINE");
        assertThat(mine(user).get("lastActiveAt").asString()).isEqualTo(activeAt.toString());

        // activity that arrives late (older than what is known) neither moves time back nor publishes
        feed.send(feed.activity(socket, start));
        feed.send(feed.disconnected(socket));
        awaitSocketState(socket.socketId(), "DISCONNECTED");
        clock.advance(GRACE);
        awaitStatus(user, "OFFLINE");
        List<Received> events = trail.exactly(user, 4);
        assertThat(events)
                .extracting(r -> r.data().path("status").asString())
                .containsExactly("ONLINE", "AWAY", "ONLINE", "OFFLINE");
        assertThat(events.get(1).data().get("lastActiveAt").asString()).isEqualTo(start.toString());
        assertThat(events.get(2).data().get("lastActiveAt").asString()).isEqualTo(activeAt.toString());
    }

    @Test
    void busySticksAcrossReconnectsAndIdlenessUntilTheUserChangesIt() {
        UUID user = newUser();
        JsonNode chosen = api(user)
                .put("/api/presence/me", Map.of("status", "BUSY", "statusText", "In a meeting 📅"))
                .json();
        // no socket yet: BUSY is remembered, the user is still OFFLINE; the text shows at once
        assertThat(chosen.get("status").asString()).isEqualTo("OFFLINE");
        assertThat(chosen.get("statusText").asString()).isEqualTo("In a meeting 📅");

        String instance = EventFeed.newInstance();
        Socket first = feed.socket(user, instance);
        feed.send(feed.connected(first));
        awaitStatus(user, "BUSY");

        UUID idler = newUser(); // goes AWAY at the same clock position: the timer ran
        feed.send(feed.connected(feed.socket(idler, instance)));
        awaitStatus(idler, "ONLINE");
        clock.advance(AWAY_AFTER.plusMinutes(1));
        awaitStatus(idler, "AWAY");
        assertThat(status(user)).isEqualTo("BUSY");

        feed.send(feed.disconnected(first));
        awaitSocketState(first.socketId(), "DISCONNECTED");
        clock.advance(GRACE);
        awaitStatus(user, "OFFLINE");
        feed.send(feed.connected(feed.socket(user, instance)));
        awaitStatus(user, "BUSY");

        JsonNode online =
                api(user).put("/api/presence/me", Map.of("status", "ONLINE")).json();
        assertThat(online.get("status").asString()).isEqualTo("ONLINE");
        assertThat(online.get("statusText").asString()).isEqualTo("In a meeting 📅");

        List<Received> events = trail.exactly(user, 5);
        assertThat(events)
                .extracting(r -> r.data().path("status").asString())
                .containsExactly("OFFLINE", "BUSY", "OFFLINE", "BUSY", "ONLINE");
        assertThat(events)
                .allSatisfy(
                        r -> assertThat(r.data().get("statusText").asString()).isEqualTo("In a meeting 📅"));
    }

    @Test
    void aDisconnectThatOvertakesItsConnectLeavesTheSocketAbsent() {
        UUID user = newUser();
        String instance = EventFeed.newInstance();
        Socket overtaken = feed.socket(user, instance);
        feed.send(feed.disconnected(overtaken), feed.connected(overtaken));
        Socket later = feed.socket(user, instance);
        feed.send(feed.connected(later)); // same key, so it is consumed after the two above
        awaitStatus(user, "ONLINE");

        assertThat(socketState(overtaken.socketId())).isEqualTo("DISCONNECTED");
        assertThat(liveSockets(user)).isEqualTo(1);
        assertThat(trail.statuses(user, 1)).containsExactly("ONLINE");
    }

    @Test
    void redeliveredEventsHaveOneEffect() {
        UUID user = newUser();
        String instance = EventFeed.newInstance();
        Socket socket = feed.socket(user, instance);
        var connected = feed.connected(socket);
        feed.send(connected, connected);
        awaitStatus(user, "ONLINE");
        clock.advance(Duration.ofSeconds(1));
        var activity = feed.activity(socket, clock.instant());
        var disconnected = feed.disconnected(socket);
        feed.send(activity, disconnected, activity, disconnected, connected);
        awaitSocketState(socket.socketId(), "DISCONNECTED");
        clock.advance(GRACE);
        awaitStatus(user, "OFFLINE");
        feed.send(connected, disconnected);

        // a later change on the same key proves the copies were consumed before it
        feed.send(feed.connected(feed.socket(user, instance)));
        awaitStatus(user, "ONLINE");
        assertThat(trail.statuses(user, 3)).containsExactly("ONLINE", "OFFLINE", "ONLINE");
        assertThat(jdbc.queryForObject(
                        "select count(*) from presence_sockets where socket_id = ?", Integer.class, socket.socketId()))
                .isEqualTo(1);
    }

    @Test
    void activityOfAnUnknownOrClosedSocketChangesNothing() {
        UUID user = newUser();
        String instance = EventFeed.newInstance();
        Socket socket = feed.socket(user, instance);
        feed.send(feed.connected(socket));
        awaitStatus(user, "ONLINE");
        clock.advance(AWAY_AFTER);
        awaitStatus(user, "AWAY");

        Socket stranger = feed.socket(user, instance); // never connected
        feed.send(feed.activity(stranger, clock.instant()));
        feed.send(feed.disconnected(socket, clock.instant()));
        feed.send(feed.activity(socket, clock.instant()));
        awaitSocketState(socket.socketId(), "DISCONNECTED");
        clock.advance(GRACE);
        awaitStatus(user, "OFFLINE");

        List<Received> events = trail.exactly(user, 3);
        assertThat(events)
                .extracting(r -> r.data().path("status").asString())
                .containsExactly("ONLINE", "AWAY", "OFFLINE");
        // gone while AWAY: last active when the user last did something, not when the tab closed
        assertThat(events.get(2).data().get("lastActiveAt").asString())
                .isEqualTo(socket.connectedAt().toString());
    }
}
