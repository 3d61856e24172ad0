package dev.connectnow.presence.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.presence.connection.InstanceLease.State;
import dev.connectnow.presence.connection.SocketRules.ConnectDecision;
import dev.connectnow.presence.connection.SocketRules.DisconnectDecision;
import dev.connectnow.presence.connection.SocketRules.Reconciliation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SocketRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String INSTANCE = "realtime-service:10.0.0.7:8087";
    private static final UUID USER = UuidV7.next();

    private static InstanceLease instance(State state, Instant lastSentAt) {
        return new InstanceLease(INSTANCE, state, NOW.minusSeconds(3600), lastSentAt, 10_000, NOW.plus(LEASE));
    }

    private static SocketRecord live(Instant connectedAt) {
        return new SocketRecord(UuidV7.next(), USER, INSTANCE, connectedAt, null, null);
    }

    private static SocketRecord closed(ClosedReason reason) {
        return new SocketRecord(UuidV7.next(), USER, INSTANCE, NOW.minusSeconds(60), NOW.minusSeconds(5), reason);
    }

    // ----- connect -----

    @Test
    void aKnownSocketIdIsNeverConnectedAgain() {
        for (SocketRecord known : List.of(
                live(NOW),
                closed(ClosedReason.DISCONNECTED),
                closed(ClosedReason.ABSENT),
                closed(ClosedReason.EXPIRED))) {
            assertThat(SocketRules.connect(known, instance(State.LIVE, null), NOW, NOW, LEASE))
                    .isEqualTo(ConnectDecision.IGNORE);
        }
    }

    @Test
    void anUnknownInstanceGetsAProvisionalLeaseForAFreshConnectOnly() {
        assertThat(SocketRules.connect(null, null, NOW.minus(LEASE), NOW, LEASE))
                .isEqualTo(ConnectDecision.ADD_WITH_PROVISIONAL_LEASE);
        assertThat(SocketRules.connect(null, null, NOW.minus(LEASE).minusNanos(1000), NOW, LEASE))
                .isEqualTo(ConnectDecision.REFUSE);
    }

    @ParameterizedTest
    @EnumSource(
            value = State.class,
            names = {"EXPIRED", "STOPPED"})
    void aDeadInstanceTakesNoSockets(State state) {
        assertThat(SocketRules.connect(null, instance(state, NOW.minusSeconds(40)), NOW, NOW, LEASE))
                .isEqualTo(ConnectDecision.REFUSE);
    }

    @Test
    void aConnectOlderThanTheNewestHeartbeatIsRefusedBecauseThatHeartbeatDidNotListIt() {
        Instant beat = NOW.minusSeconds(5);
        assertThat(SocketRules.connect(null, instance(State.LIVE, beat), beat.minusNanos(1000), NOW, LEASE))
                .isEqualTo(ConnectDecision.REFUSE);
        assertThat(SocketRules.connect(null, instance(State.LIVE, beat), beat, NOW, LEASE))
                .isEqualTo(ConnectDecision.ADD);
        assertThat(SocketRules.connect(null, instance(State.LIVE, null), NOW.minusSeconds(3), NOW, LEASE))
                .isEqualTo(ConnectDecision.ADD);
    }

    // ----- disconnect -----

    @Test
    void aDisconnectIsFinalWhateverItMeets() {
        assertThat(SocketRules.disconnect(null)).isEqualTo(DisconnectDecision.TOMBSTONE);
        assertThat(SocketRules.disconnect(live(NOW))).isEqualTo(DisconnectDecision.CLOSE_LIVE);
        assertThat(SocketRules.disconnect(closed(ClosedReason.ABSENT))).isEqualTo(DisconnectDecision.MAKE_FINAL);
        assertThat(SocketRules.disconnect(closed(ClosedReason.EXPIRED))).isEqualTo(DisconnectDecision.MAKE_FINAL);
        assertThat(SocketRules.disconnect(closed(ClosedReason.DISCONNECTED))).isEqualTo(DisconnectDecision.IGNORE);
    }

    // ----- heartbeats -----

    @Test
    void aHeartbeatNewerThanTheNewestAppliedIsNewsAndOfAnUnknownInstanceOnlyIfYoungerThanTheLease() {
        Instant applied = NOW.minusSeconds(10);
        assertThat(SocketRules.isNews(null, NOW, NOW, LEASE)).isTrue();
        assertThat(SocketRules.isNews(instance(State.LIVE, null), NOW, NOW, LEASE))
                .isTrue();
        assertThat(SocketRules.isNews(instance(State.LIVE, applied), applied.plusNanos(1000), NOW, LEASE))
                .isTrue();
        assertThat(SocketRules.isNews(instance(State.EXPIRED, applied), applied.plusNanos(1000), NOW, LEASE))
                .isTrue();
        assertThat(SocketRules.isNews(instance(State.LIVE, applied), applied, NOW, LEASE))
                .isFalse();
        assertThat(SocketRules.isNews(instance(State.LIVE, applied), applied.minusSeconds(1), NOW, LEASE))
                .isFalse();
        assertThat(SocketRules.isNews(null, NOW.minus(LEASE).minusNanos(1000), NOW, LEASE))
                .isFalse();
        // read late (the consumer is behind by more than a lease): still the instance's newest word
        Instant lateSentAt = NOW.minus(LEASE).minusSeconds(5);
        assertThat(SocketRules.isNews(instance(State.LIVE, lateSentAt.minusSeconds(10)), lateSentAt, NOW, LEASE))
                .isTrue();
        assertThat(SocketRules.isNews(instance(State.EXPIRED, lateSentAt.minusSeconds(10)), lateSentAt, NOW, LEASE))
                .isTrue();
    }

    @Test
    void aHeartbeatRemovesUnlistedSocketsOlderThanItAndAddsListedOnesNotLive() {
        Instant sentAt = NOW;
        SocketRecord listedLive = live(NOW.minusSeconds(50));
        SocketRecord ghost = live(NOW.minusSeconds(40));
        SocketRecord connectedAfter = live(sentAt.plusNanos(1000));
        SocketRecord absent = closed(ClosedReason.ABSENT);
        SocketRecord expired = closed(ClosedReason.EXPIRED);
        SocketRecord disconnected = closed(ClosedReason.DISCONNECTED);
        LiveSocket neverSeen = new LiveSocket(UuidV7.next(), UuidV7.next(), NOW.minusSeconds(20));

        Reconciliation changes = SocketRules.reconcile(
                sentAt,
                List.of(
                        listed(listedLive),
                        listed(absent),
                        listed(expired),
                        listed(disconnected),
                        neverSeen,
                        listed(listedLive)),
                List.of(listedLive, ghost, connectedAfter),
                Map.of(
                        listedLive.socketId(), listedLive,
                        absent.socketId(), absent,
                        expired.socketId(), expired,
                        disconnected.socketId(), disconnected));

        assertThat(changes.ghosts()).containsExactly(ghost);
        assertThat(changes.missing()).containsExactly(neverSeen);
        assertThat(changes.revived()).containsExactlyInAnyOrder(absent, expired);
        assertThat(changes.users()).containsExactlyInAnyOrder(USER, neverSeen.userId());
    }

    @Test
    void aHeartbeatThatMatchesWhatIsHeldChangesNothing() {
        SocketRecord socket = live(NOW.minusSeconds(5));
        Reconciliation changes =
                SocketRules.reconcile(NOW, List.of(listed(socket)), List.of(socket), Map.of(socket.socketId(), socket));
        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes.users()).isEmpty();
    }

    private static LiveSocket listed(SocketRecord socket) {
        return new LiveSocket(socket.socketId(), socket.userId(), socket.connectedAt());
    }
}
