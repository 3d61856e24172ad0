package dev.connectnow.presence.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectionBacklogTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final ConnectionBacklog backlog = new ConnectionBacklog();

    @Test
    void nothingReadYetIsNotBehind() {
        assertThat(backlog.readThrough()).isEmpty();
    }

    @Test
    void aRecordBeingAppliedHoldsItsPartitionAtItsTimeUntilItLeavesNothingWaiting() {
        Instant produced = NOW.minusSeconds(40);
        backlog.reading(0, produced);
        assertThat(backlog.readThrough()).contains(produced);

        backlog.applied(0, produced, 3);
        assertThat(backlog.readThrough()).contains(produced);

        backlog.reading(0, produced.plusSeconds(1));
        backlog.applied(0, produced.plusSeconds(1), 0);
        assertThat(backlog.readThrough()).isEmpty();
    }

    @Test
    void theOldestPartitionThatIsBehindCountsAndCaughtUpOnesDoNot() {
        backlog.applied(0, NOW.minusSeconds(600), 0); // caught up long ago, idle since
        backlog.applied(1, NOW.minusSeconds(50), 12);
        backlog.applied(2, NOW.minusSeconds(20), 4);
        assertThat(backlog.readThrough()).contains(NOW.minusSeconds(50));

        backlog.revoked(List.of(1));
        assertThat(backlog.readThrough()).contains(NOW.minusSeconds(20));
    }

    @Test
    void leasesAreJudgedOnTheOldestReadThroughTimeBeforeNow() {
        assertThat(ConnectionBacklog.leaseTime(NOW, List.of())).isEqualTo(NOW);
        assertThat(ConnectionBacklog.leaseTime(NOW, List.of(NOW.minusSeconds(5), NOW.minusSeconds(45))))
                .isEqualTo(NOW.minusSeconds(45));
        // a producer clock ahead of the service's never moves leases forward
        assertThat(ConnectionBacklog.leaseTime(NOW, List.of(NOW.plusSeconds(2))))
                .isEqualTo(NOW);
    }
}
