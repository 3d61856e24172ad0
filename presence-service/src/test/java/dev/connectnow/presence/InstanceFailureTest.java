package dev.connectnow.presence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.presence.connection.InstanceLeases;
import dev.connectnow.presence.support.ConsumerGroupReset;
import dev.connectnow.presence.support.EventFeed;
import dev.connectnow.presence.support.EventFeed.Socket;
import dev.connectnow.presence.support.IntegrationTestBase;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.TestEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * Realtime instances that die, stop, or lose events (R10, R13), with the clock held still: leases, repair from
 * heartbeats both ways, and socket events racing heartbeats on other partitions.
 */
@TestPropertySource(
        properties = {
            "connectnow.presence.instance-lease=10s",
            "connectnow.presence.offline-grace=5s",
            "connectnow.presence.away-after=1d",
            "connectnow.presence.timer-interval=50ms"
        })
class InstanceFailureTest extends IntegrationTestBase {

    /** The heartbeats below announce a 10 s interval: lease = max(10 s, 3 × interval) = 30 s. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static final Duration GRACE = Duration.ofSeconds(5);

    private static final Duration AWAY_AFTER = Duration.ofDays(1);

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private InstanceLeases leases;

    @Autowired
    private DataSource dataSource;

    private String instanceState(String instanceId) {
        List<String> state = jdbc.queryForList(
                "select state from realtime_instances where instance_id = ?", String.class, instanceId);
        return state.isEmpty() ? "UNKNOWN" : state.get(0);
    }

    @Test
    void anInstanceSilentPastItsLeaseLosesItsSocketsAndOnlyUsersWithoutOtherSocketsGoOffline() {
        String earlier = EventFeed.newInstance(); // its lease ends before the others': proves the check ran
        String dying = EventFeed.newInstance();
        String healthy = EventFeed.newInstance();
        UUID canary = newUser();
        UUID alone = newUser();
        UUID elsewhereToo = newUser();
        Socket canarySocket = feed.socket(canary, earlier);
        Socket aloneSocket = feed.socket(alone, dying);
        Socket sharedDying = feed.socket(elsewhereToo, dying);
        Socket sharedHealthy = feed.socket(elsewhereToo, healthy);
        feed.send(feed.connected(canarySocket), feed.connected(aloneSocket));
        feed.send(feed.connected(sharedDying), feed.connected(sharedHealthy));
        sendHeartbeat(feed.heartbeat(earlier, canarySocket));
        clock.advance(Duration.ofSeconds(1));
        Instant lastBeat = clock.instant();
        sendHeartbeat(feed.heartbeat(dying, aloneSocket, sharedDying));
        sendHeartbeat(feed.heartbeat(healthy, sharedHealthy));
        awaitStatus(alone, "ONLINE");
        awaitStatus(elsewhereToo, "ONLINE");

        clock.advance(LEASE.minusMillis(500));
        awaitStatus(canary, "OFFLINE");
        assertThat(status(alone)).isEqualTo("ONLINE");
        assertThat(instanceState(dying)).isEqualTo("LIVE");

        sendHeartbeat(feed.heartbeat(healthy, sharedHealthy)); // the healthy instance keeps beating
        clock.advance(Duration.ofMillis(500));
        awaitStatus(alone, "OFFLINE");
        assertThat(instanceState(dying)).isEqualTo("EXPIRED");
        assertThat(socketState(aloneSocket.socketId())).isEqualTo("EXPIRED");
        assertThat(socketState(sharedDying.socketId())).isEqualTo("EXPIRED");
        assertThat(status(elsewhereToo)).isEqualTo("ONLINE");
        assertThat(liveSockets(elsewhereToo)).isEqualTo(1);

        List<Received> aloneEvents = trail.exactly(alone, 2);
        assertThat(aloneEvents)
                .extracting(r -> r.data().path("status").asString())
                .containsExactly("ONLINE", "OFFLINE");
        // no later than the last moment the dead instance was known to hold the socket
        assertThat(aloneEvents.get(1).data().get("lastActiveAt").asString()).isEqualTo(lastBeat.toString());
        assertThat(trail.statuses(elsewhereToo, 1)).containsExactly("ONLINE");

        // events of the dead instance that arrive late bring nothing back
        feed.send(feed.connected(feed.socket(alone, dying, lastBeat.plusSeconds(1))));
        feed.send(feed.activity(aloneSocket, clock.instant()));
        Socket barrier = feed.socket(alone, healthy);
        feed.send(feed.connected(barrier));
        awaitStatus(alone, "ONLINE");
        assertThat(liveSockets(alone)).isEqualTo(1);
        assertThat(socketState(barrier.socketId())).isEqualTo("LIVE");
    }

    @Test
    void anExpiredInstanceThatHeartbeatsAgainGetsItsListedSocketsBack() {
        String partitioned = EventFeed.newInstance();
        UUID user = newUser();
        Socket socket = feed.socket(user, partitioned);
        feed.send(feed.connected(socket));
        sendHeartbeat(feed.heartbeat(partitioned, socket));
        clock.advance(LEASE);
        awaitStatus(user, "OFFLINE");

        sendHeartbeat(feed.heartbeat(partitioned, socket)); // it was not dead after all
        awaitStatus(user, "ONLINE");
        assertThat(socketState(socket.socketId())).isEqualTo("LIVE");
        assertThat(instanceState(partitioned)).isEqualTo("LIVE");
        assertThat(trail.statuses(user, 3)).containsExactly("ONLINE", "OFFLINE", "ONLINE");
    }

    @Test
    void aSocketRefusedWhileItsInstanceWasTakenForDeadIsActivityOnceAHeartbeatRevivesIt() {
        String instance = EventFeed.newInstance();
        UUID user = newUser();
        Socket before = feed.socket(user, instance);
        feed.send(feed.connected(before));
        sendHeartbeat(feed.heartbeat(instance, before));
        awaitStatus(user, "ONLINE");
        clock.advance(LEASE); // the instance is taken for dead (consumer lag, a network partition)
        awaitStatus(user, "OFFLINE");
        clock.advance(AWAY_AFTER);

        Socket fresh = feed.socket(user, instance); // the user reconnects a day later, to the same instance
        feed.send(feed.connected(fresh));
        awaitSocketState(fresh.socketId(), "ABSENT"); // refused: the instance is EXPIRED here
        sendHeartbeat(feed.heartbeat(instance, fresh)); // it was alive all along

        awaitSocketState(fresh.socketId(), "LIVE");
        awaitStatus(user, "ONLINE"); // active since the fresh connect, not AWAY since a day ago
        assertThat(trail.statuses(user, 3)).containsExactly("ONLINE", "OFFLINE", "ONLINE");
    }

    @Test
    void aBacklogOlderThanTheLeaseExpiresNoLiveInstanceAndASilentOneOnceTheBacklogIsRead() throws Exception {
        String live = EventFeed.newInstance();
        String silent = EventFeed.newInstance();
        UUID onLive = newUser();
        UUID onSilent = newUser();
        Socket liveSocket = feed.socket(onLive, live);
        Socket silentSocket = feed.socket(onSilent, silent);
        feed.send(feed.connected(liveSocket), feed.connected(silentSocket));
        sendHeartbeat(feed.heartbeat(live, liveSocket));
        sendHeartbeat(feed.heartbeat(silent, silentSocket));
        awaitStatus(onLive, "ONLINE");
        awaitStatus(onSilent, "ONLINE");

        clock.advance(Duration.ofSeconds(1));
        EventEnvelope<InstanceHeartbeat> waiting = feed.heartbeat(live, liveSocket);
        try (Connection blocker = dataSource.getConnection()) {
            // the live instance's next heartbeat is read but cannot be applied yet (its row is locked here):
            // the consumer is behind, as when the heartbeat waits in Kafka behind a burst of socket events
            blocker.setAutoCommit(false);
            try (PreparedStatement lock =
                    blocker.prepareStatement("select 1 from realtime_instances where instance_id = ? for update")) {
                lock.setString(1, live);
                lock.executeQuery().close();
            }
            TestEvents.send(waiting);
            Await.until(
                    "the consumer reports it has read through the waiting heartbeat",
                    () -> jdbc.queryForObject(
                                    "select count(*) from connection_readers where read_through = ?",
                                    Integer.class,
                                    Timestamp.from(waiting.time()))
                            == 1);

            clock.advance(LEASE.multipliedBy(2)); // both leases ran out by the service's clock
            leases.expire();
            assertThat(instanceState(live)).isEqualTo("LIVE");
            assertThat(instanceState(silent)).isEqualTo("LIVE");
            assertThat(status(onLive)).isEqualTo("ONLINE");
            assertThat(status(onSilent)).isEqualTo("ONLINE");
            blocker.rollback();
        }

        // read through: the late heartbeat renews the live instance, the silent one expires
        awaitHeartbeatApplied(live, waiting.data().sentAt());
        awaitStatus(onSilent, "OFFLINE");
        assertThat(instanceState(silent)).isEqualTo("EXPIRED");
        leases.expire();
        assertThat(instanceState(live)).isEqualTo("LIVE");
        assertThat(status(onLive)).isEqualTo("ONLINE");
        assertThat(trail.statuses(onLive, 1)).containsExactly("ONLINE");
        assertThat(trail.statuses(onSilent, 2)).containsExactly("ONLINE", "OFFLINE");
    }

    @Test
    void aNewInstanceIsTrustedOnItsFirstConnectAndExpiresIfItNeverBeats() {
        String silent = EventFeed.newInstance();
        UUID user = newUser();
        feed.send(feed.connected(feed.socket(user, silent)));
        awaitStatus(user, "ONLINE");
        assertThat(instanceState(silent)).isEqualTo("LIVE");

        // the provisional lease is the configured one (no interval announced yet)
        clock.advance(Duration.ofSeconds(10));
        awaitStatus(user, "OFFLINE");
        assertThat(instanceState(silent)).isEqualTo("EXPIRED");

        // a connect older than a lease from an instance never heard of cannot be confirmed: refused
        UUID late = newUser();
        Socket stale =
                feed.socket(late, EventFeed.newInstance(), clock.instant().minus(Duration.ofSeconds(11)));
        feed.send(feed.connected(stale));
        awaitSocketState(stale.socketId(), "ABSENT");
        assertThat(status(late)).isEqualTo("OFFLINE");
    }

    @Test
    void aStoppingInstanceHandsItsUsersTheOfflineGraceSoAResumeElsewhereIsNotBroadcast() {
        String stopping = EventFeed.newInstance();
        String successor = EventFeed.newInstance();
        UUID resumes = newUser();
        UUID leaves = newUser();
        Socket resumesOld = feed.socket(resumes, stopping);
        Socket leavesOld = feed.socket(leaves, stopping);
        feed.send(feed.connected(resumesOld), feed.connected(leavesOld));
        sendHeartbeat(feed.heartbeat(stopping, resumesOld, leavesOld));
        awaitStatus(resumes, "ONLINE");
        awaitStatus(leaves, "ONLINE");

        clock.advance(Duration.ofSeconds(1));
        sendHeartbeat(feed.heartbeat(stopping, clock.instant(), true, resumesOld, leavesOld));
        assertThat(instanceState(stopping)).isEqualTo("STOPPED");
        assertThat(liveSockets(resumes)).isZero();
        feed.send(feed.connected(feed.socket(resumes, successor)));
        Await.until("the resumed socket is live", () -> liveSockets(resumes) == 1);

        clock.advance(GRACE);
        awaitStatus(leaves, "OFFLINE");
        assertThat(status(resumes)).isEqualTo("ONLINE");
        Map<UUID, List<String>> expected = Map.of(resumes, List.of("ONLINE"), leaves, List.of("ONLINE", "OFFLINE"));
        assertThat(trail.statuses(expected)).isEqualTo(expected);
    }

    @Test
    void heartbeatsRepairLostEventsBothWays() {
        String instance = EventFeed.newInstance();
        UUID lostConnect = newUser();
        UUID lostDisconnect = newUser();
        UUID connectedAfterTheBeat = newUser();
        Socket neverAnnounced = feed.socket(lostConnect, instance);
        Socket ghost = feed.socket(lostDisconnect, instance);
        feed.send(feed.connected(ghost));
        awaitStatus(lostDisconnect, "ONLINE");

        clock.advance(Duration.ofSeconds(2));
        Instant sentAt = clock.instant();
        // connected on the instance after it built the heartbeat: rightly not listed, must stay
        Socket fresh = feed.socket(connectedAfterTheBeat, instance, sentAt.plusMillis(1));
        feed.send(feed.connected(fresh));
        awaitStatus(connectedAfterTheBeat, "ONLINE");

        sendHeartbeat(feed.heartbeat(instance, sentAt, false, neverAnnounced));
        awaitStatus(lostConnect, "ONLINE");
        // a removal the service decided on is old news: OFFLINE at once, no grace
        awaitStatus(lostDisconnect, "OFFLINE");
        assertThat(socketState(ghost.socketId())).isEqualTo("ABSENT");
        assertThat(socketState(fresh.socketId())).isEqualTo("LIVE");
        assertThat(status(connectedAfterTheBeat)).isEqualTo("ONLINE");

        // the lost disconnect arrives after all: final now, and nothing to announce
        feed.send(feed.disconnected(ghost, sentAt.minusSeconds(1)));
        awaitSocketState(ghost.socketId(), "DISCONNECTED");
        // the lost connect arrives after all: already known
        feed.send(feed.connected(neverAnnounced));
        Socket barrier = feed.socket(lostConnect, instance);
        feed.send(feed.connected(barrier));
        awaitSocketState(barrier.socketId(), "LIVE");

        Map<UUID, List<String>> expected = Map.of(
                lostConnect, List.of("ONLINE"),
                lostDisconnect, List.of("ONLINE", "OFFLINE"),
                connectedAfterTheBeat, List.of("ONLINE"));
        assertThat(trail.statuses(expected)).isEqualTo(expected);
    }

    @Test
    void socketEventsRacingHeartbeatsConverge() {
        String instance = EventFeed.newInstance();
        Instant start = clock.instant();
        sendHeartbeat(feed.heartbeat(instance, start, false));

        // a disconnect newer than a heartbeat that lists the socket is processed first: it stays closed
        UUID closedFirst = newUser();
        Socket closing = feed.socket(closedFirst, instance, start.plusMillis(1));
        feed.send(feed.connected(closing));
        awaitStatus(closedFirst, "ONLINE");
        clock.advance(Duration.ofSeconds(1));
        Instant beat = clock.instant();
        feed.send(feed.disconnected(closing, beat.plusMillis(5)));
        awaitSocketState(closing.socketId(), "DISCONNECTED");

        // a connect older than a heartbeat that did not list it is refused; a newer heartbeat listing it wins
        UUID beatFirst = newUser();
        Socket unlisted = feed.socket(beatFirst, instance, beat.minusMillis(5));
        sendHeartbeat(feed.heartbeat(instance, beat, false, closing));
        assertThat(socketState(closing.socketId())).isEqualTo("DISCONNECTED");
        feed.send(feed.connected(unlisted));
        awaitSocketState(unlisted.socketId(), "ABSENT");
        assertThat(status(beatFirst)).isEqualTo("OFFLINE");

        clock.advance(Duration.ofSeconds(1));
        sendHeartbeat(feed.heartbeat(instance, unlisted));
        awaitStatus(beatFirst, "ONLINE");

        // a heartbeat older than the newest applied (a replay) changes nothing: it would remove `unlisted`
        feed.send(feed.heartbeat(instance, beat, false, closing));
        clock.advance(Duration.ofMillis(1));
        sendHeartbeat(feed.heartbeat(instance, unlisted)); // same key: consumed after the replay
        assertThat(socketState(unlisted.socketId())).isEqualTo("LIVE");
        assertThat(socketState(closing.socketId())).isEqualTo("DISCONNECTED");

        clock.advance(GRACE);
        awaitStatus(closedFirst, "OFFLINE");
        Map<UUID, List<String>> expected =
                Map.of(closedFirst, List.of("ONLINE", "OFFLINE"), beatFirst, List.of("ONLINE"));
        assertThat(trail.statuses(expected)).isEqualTo(expected);
    }

    @Test
    void aConsumerGroupResetToEarliestChangesNothing() throws Exception {
        String instance = EventFeed.newInstance();
        String dead = EventFeed.newInstance();
        UUID online = newUser();
        UUID offline = newUser();
        UUID repaired = newUser();
        UUID expired = newUser();
        UUID formerColleague = newUser();
        UUID workspace = UuidV7.next();
        Socket onlineSocket = feed.socket(online, instance);
        Socket offlineSocket = feed.socket(offline, instance);
        Socket listedOnly = feed.socket(repaired, instance);
        feed.send(feed.connected(onlineSocket), feed.connected(offlineSocket));
        feed.send(feed.connected(feed.socket(expired, dead)));
        sendHeartbeat(feed.heartbeat(dead));
        EventFeed.Membership colleague = EventFeed.newMembership(workspace, formerColleague);
        sendProcessed(feed.memberAdded(EventFeed.newMembership(workspace, online)));
        sendProcessed(feed.memberAdded(colleague));
        sendProcessed(feed.memberRemoved(colleague.next()));
        sendProcessed(feed.conversationCreated(online, offline));
        clock.advance(Duration.ofSeconds(1));
        feed.send(feed.activity(onlineSocket, clock.instant()), feed.disconnected(offlineSocket));
        sendHeartbeat(feed.heartbeat(instance, onlineSocket, listedOnly));
        awaitSocketState(offlineSocket.socketId(), "DISCONNECTED");
        clock.advance(GRACE);
        awaitStatus(offline, "OFFLINE");
        sendHeartbeat(feed.heartbeat(instance, onlineSocket, listedOnly));
        clock.advance(LEASE.minus(GRACE));
        awaitStatus(expired, "OFFLINE");
        assertThat(status(online)).isEqualTo("ONLINE");
        assertThat(status(repaired)).isEqualTo("ONLINE");
        Map<UUID, List<String>> announced = Map.of(
                online, List.of("ONLINE"),
                offline, List.of("ONLINE", "OFFLINE"),
                repaired, List.of("ONLINE"),
                expired, List.of("ONLINE", "OFFLINE"),
                formerColleague, List.of());
        assertThat(trail.statuses(announced)).isEqualTo(announced);
        List<UUID> users = List.copyOf(announced.keySet());
        List<Map<String, Object>> before = snapshot(users);

        ConsumerGroupReset.toEarliest(
                listeners, "presence-service", List.of(Topics.CONNECTION, Topics.WORKSPACE, Topics.DM));

        assertThat(snapshot(users)).isEqualTo(before);
        assertThat(trail.statuses(announced)).isEqualTo(announced);
        assertThat(api(online).get("/api/presence/" + offline).status()).isEqualTo(200);
        assertThat(api(online).get("/api/presence/" + formerColleague).status()).isEqualTo(404);
    }

    @Test
    void tombstonesAndDeadInstancesAreForgottenAfterTheirRetentionAndTheirReplaysStayRefused() {
        String instance = EventFeed.newInstance();
        UUID user = newUser();
        Socket socket = feed.socket(user, instance);
        feed.send(feed.connected(socket), feed.disconnected(socket));
        awaitSocketState(socket.socketId(), "DISCONNECTED");
        sendHeartbeat(feed.heartbeat(instance, clock.instant(), true));

        clock.advance(Duration.ofDays(1).plusSeconds(1));
        // the grace ends on the presence timer's next tick, not on the clock's jump
        awaitStatus(user, "OFFLINE");
        leases.purge();
        assertThat(socketState(socket.socketId())).isEqualTo("UNKNOWN");
        assertThat(instanceState(instance)).isEqualTo("STOPPED");

        clock.advance(Duration.ofDays(6));
        leases.purge();
        assertThat(instanceState(instance)).isEqualTo("UNKNOWN");

        // a week later the topic is replayed: the connect is older than any lease from an unknown instance
        feed.send(feed.connected(socket));
        awaitSocketState(socket.socketId(), "ABSENT");
        assertThat(status(user)).isEqualTo("OFFLINE");
    }

    /** Every row about the users (presence and sockets), without the bookkeeping column updated_at. */
    private List<Map<String, Object>> snapshot(List<UUID> users) {
        UUID[] ids = users.toArray(UUID[]::new);
        List<Map<String, Object>> rows = new ArrayList<>(jdbc.queryForList("""
                        select user_id, status, status_text, last_active_at, socket_ids::text, chosen_status,
                            last_activity_at, last_socket_closed_at, offline_pending_since, version
                        from user_presence where user_id = any(?) order by user_id""", (Object) ids));
        rows.addAll(jdbc.queryForList("""
                        select socket_id, user_id, instance_id, connected_at, closed_at, closed_reason
                        from presence_sockets where user_id = any(?) order by socket_id""", (Object) ids));
        rows.addAll(jdbc.queryForList("""
                        select workspace_id, user_id, membership_id, revision, removed from workspace_memberships
                        where user_id = any(?) order by workspace_id, user_id""", (Object) ids));
        return rows;
    }
}
