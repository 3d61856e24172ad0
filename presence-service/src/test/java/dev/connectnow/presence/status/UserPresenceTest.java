package dev.connectnow.presence.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.presence.status.UserPresence.SocketLoss;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UserPresenceTest {

    private static final StatusMachine.Timing TIMING =
            new StatusMachine.Timing(Duration.ofMinutes(5), Duration.ofSeconds(5));
    private static final Instant NOW = Instant.parse("2026-11-24T20:00:00Z");
    private static final UUID SOCKET = UuidV7.next();

    private static UserPresence connected() {
        UserPresence presence = UserPresence.newcomer(UuidV7.next());
        presence.recordActivity(NOW, NOW);
        presence.socketsNow(List.of(SOCKET), null, null, NOW);
        assertThat(presence.settle(NOW, TIMING)).isTrue();
        return presence;
    }

    @Test
    void activityOnlyMovesForwardAndNeverBeyondNow() {
        UserPresence presence = UserPresence.newcomer(UuidV7.next());
        presence.recordActivity(NOW, NOW);
        presence.recordActivity(NOW.minusSeconds(10), NOW);
        assertThat(presence.lastActivityAt()).isEqualTo(NOW);
        presence.recordActivity(NOW.plusSeconds(60), NOW.plusSeconds(1));
        assertThat(presence.lastActivityAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aDisconnectThatLeavesNoSocketStartsTheGraceAndARemovalDoesNot() {
        UserPresence disconnected = connected();
        disconnected.socketsNow(List.of(), NOW, SocketLoss.DISCONNECTED, NOW);
        assertThat(disconnected.offlinePendingSince()).isEqualTo(NOW);
        assertThat(disconnected.settle(NOW, TIMING)).isFalse();
        assertThat(disconnected.settle(NOW.plusSeconds(5), TIMING)).isTrue();
        assertThat(disconnected.visible().status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(disconnected.offlinePendingSince()).isNull();

        UserPresence removed = connected();
        removed.socketsNow(List.of(), NOW, SocketLoss.REMOVED, NOW);
        assertThat(removed.offlinePendingSince()).isNull();
        assertThat(removed.settle(NOW, TIMING)).isTrue();
        assertThat(removed.visible().status()).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aSocketWithinTheGraceCancelsIt() {
        UserPresence presence = connected();
        presence.socketsNow(List.of(), NOW, SocketLoss.DISCONNECTED, NOW);
        presence.socketsNow(List.of(UuidV7.next()), null, null, NOW.plusSeconds(1));
        assertThat(presence.offlinePendingSince()).isNull();
        assertThat(presence.settle(NOW.plusSeconds(60), TIMING)).isFalse();
        assertThat(presence.visible().status()).isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void theVersionGrowsWithEachVisibleChangeOnly() {
        UserPresence presence = connected();
        long version = presence.version();
        presence.recordActivity(NOW.plusSeconds(1), NOW.plusSeconds(1));
        assertThat(presence.settle(NOW.plusSeconds(1), TIMING)).isFalse();
        presence.choose(ChosenStatus.BUSY, "Lunch", NOW.plusSeconds(2));
        assertThat(presence.settle(NOW.plusSeconds(2), TIMING)).isTrue();
        assertThat(presence.visible())
                .isEqualTo(new StatusMachine.Visible(PresenceStatus.BUSY, "Lunch", NOW.plusSeconds(2)));
        assertThat(presence.version()).isEqualTo(version + 1);
        presence.choose(ChosenStatus.BUSY, "Lunch", NOW.plusSeconds(3));
        assertThat(presence.settle(NOW.plusSeconds(3), TIMING)).isFalse();
        assertThat(presence.visible().statusText()).isEqualTo("Lunch");
    }
}
