package dev.connectnow.presence.status;

import static dev.connectnow.events.presence.PresenceEvents.PresenceStatus.AWAY;
import static dev.connectnow.events.presence.PresenceEvents.PresenceStatus.BUSY;
import static dev.connectnow.events.presence.PresenceEvents.PresenceStatus.OFFLINE;
import static dev.connectnow.events.presence.PresenceEvents.PresenceStatus.ONLINE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.presence.status.StatusMachine.Facts;
import dev.connectnow.presence.status.StatusMachine.Timing;
import dev.connectnow.presence.status.StatusMachine.Visible;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusMachineTest {

    private static final Timing TIMING = new Timing(Duration.ofMinutes(5), Duration.ofSeconds(5));
    private static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    private static final Instant ACTIVE = NOW.minusSeconds(60);
    private static final Instant CLOSED = NOW.minusSeconds(30);

    private static Facts sockets(int count, ChosenStatus chosen, Instant lastActivityAt) {
        return new Facts(count, chosen, "text", lastActivityAt, CLOSED, null);
    }

    private static Facts noSockets(Instant pendingSince) {
        return new Facts(0, ChosenStatus.ONLINE, "text", ACTIVE, CLOSED, pendingSince);
    }

    private static Visible shown(PresenceStatus status, Instant lastActiveAt) {
        return new Visible(status, "text", lastActiveAt);
    }

    @Test
    void aFirstSocketMakesANewcomerOnlineActiveSinceTheConnect() {
        Visible next = StatusMachine.next(Visible.NEVER_SEEN, sockets(1, ChosenStatus.ONLINE, ACTIVE), NOW, TIMING);
        assertThat(next).isEqualTo(new Visible(ONLINE, "text", ACTIVE));
    }

    @Test
    void onlineTurnsAwayExactlyWhenTheLastActivityIsAwayAfterOld() {
        Visible online = shown(ONLINE, ACTIVE);
        Instant due = ACTIVE.plus(TIMING.awayAfter());
        assertThat(StatusMachine.next(online, sockets(2, ChosenStatus.ONLINE, ACTIVE), due.minusNanos(1000), TIMING))
                .isEqualTo(online);
        assertThat(StatusMachine.next(online, sockets(2, ChosenStatus.ONLINE, ACTIVE), due, TIMING))
                .isEqualTo(shown(AWAY, ACTIVE));
    }

    @Test
    void activityBringsAnAwayUserBackActiveSinceThatActivity() {
        Instant justNow = NOW.minusSeconds(1);
        assertThat(StatusMachine.next(
                        shown(AWAY, ACTIVE.minusSeconds(600)), sockets(1, ChosenStatus.ONLINE, justNow), NOW, TIMING))
                .isEqualTo(shown(ONLINE, justNow));
    }

    @ParameterizedTest
    @EnumSource(PresenceStatus.class)
    void busyIsShownWhileConnectedWhateverWasShownAndHoweverIdle(PresenceStatus current) {
        Instant longAgo = NOW.minus(Duration.ofDays(1));
        Visible next = StatusMachine.next(shown(current, ACTIVE), sockets(1, ChosenStatus.BUSY, longAgo), NOW, TIMING);
        assertThat(next.status()).isEqualTo(BUSY);
    }

    @ParameterizedTest
    @EnumSource(
            value = PresenceStatus.class,
            names = {"ONLINE", "AWAY", "BUSY"})
    void duringTheOfflineGraceWhatWasShownStays(PresenceStatus current) {
        Instant pending = NOW.minusSeconds(4);
        Visible shownNow = shown(current, ACTIVE);
        assertThat(StatusMachine.next(shownNow, noSockets(pending), NOW, TIMING))
                .isEqualTo(shownNow);
        assertThat(StatusMachine.next(shownNow, noSockets(pending), pending.plus(TIMING.offlineGrace()), TIMING)
                        .status())
                .isEqualTo(OFFLINE);
    }

    @Test
    void withoutAGraceNoSocketMeansOfflineAtOnce() {
        assertThat(StatusMachine.next(shown(ONLINE, ACTIVE), noSockets(null), NOW, TIMING)
                        .status())
                .isEqualTo(OFFLINE);
    }

    @Test
    void goingOfflineFromOnlineOrBusyTheUserWasActiveUntilTheLastSocketClosed() {
        assertThat(StatusMachine.next(shown(ONLINE, ACTIVE), noSockets(null), NOW, TIMING))
                .isEqualTo(shown(OFFLINE, CLOSED));
        assertThat(StatusMachine.next(shown(BUSY, ACTIVE), noSockets(null), NOW, TIMING))
                .isEqualTo(shown(OFFLINE, CLOSED));
        // an activity after the close (reported late) counts if it is later
        Facts activeLater = new Facts(0, ChosenStatus.ONLINE, "text", CLOSED.plusSeconds(1), CLOSED, null);
        assertThat(StatusMachine.next(shown(ONLINE, ACTIVE), activeLater, NOW, TIMING))
                .isEqualTo(shown(OFFLINE, CLOSED.plusSeconds(1)));
    }

    @Test
    void goingOfflineFromAwayTheUserWasLastActiveAtTheirLastActivity() {
        assertThat(StatusMachine.next(shown(AWAY, ACTIVE), noSockets(null), NOW, TIMING))
                .isEqualTo(shown(OFFLINE, ACTIVE));
    }

    @Test
    void lastActiveAtIsNeverLaterThanNow() {
        Instant ahead = NOW.plusSeconds(90); // a producer clock running ahead
        Facts closedAhead = new Facts(0, ChosenStatus.ONLINE, null, ACTIVE, ahead, null);
        assertThat(StatusMachine.next(shown(ONLINE, ACTIVE), closedAhead, NOW, TIMING)
                        .lastActiveAt())
                .isEqualTo(NOW);
    }

    @Test
    void anUnchangedStatusKeepsItsLastActiveAtWhateverTheActivity() {
        Visible online = shown(ONLINE, ACTIVE);
        assertThat(StatusMachine.next(online, sockets(3, ChosenStatus.ONLINE, NOW), NOW, TIMING))
                .isEqualTo(online);
        Visible offline = shown(OFFLINE, ACTIVE);
        assertThat(StatusMachine.next(offline, noSockets(null), NOW, TIMING)).isEqualTo(offline);
    }

    @Test
    void theStatusTextIsShownInEveryStatusAndIsAChangeOfItsOwn() {
        Facts cleared = new Facts(0, ChosenStatus.BUSY, null, ACTIVE, CLOSED, null);
        assertThat(StatusMachine.next(shown(OFFLINE, ACTIVE), cleared, NOW, TIMING))
                .isEqualTo(new Visible(OFFLINE, null, ACTIVE));
    }
}
