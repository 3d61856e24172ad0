package dev.connectnow.realtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    ReplayBuffer.Entry entry(long seq, Instant at) {
        return new ReplayBuffer.Entry(seq, "message.created", "{\"n\":" + seq + "}", at, at);
    }

    @Test
    void givesExactlyTheEventsAfterLastSeqInOrder() {
        ReplayBuffer buffer = new ReplayBuffer(10, 10_000);
        for (long seq = 1; seq <= 5; seq++) {
            buffer.append(entry(seq, t0));
        }
        assertThat(buffer.after(2, 5).orElseThrow())
                .extracting(ReplayBuffer.Entry::seq)
                .containsExactly(3L, 4L, 5L);
        assertThat(buffer.after(5, 5).orElseThrow()).isEmpty();
        assertThat(buffer.after(0, 5).orElseThrow()).hasSize(5);
        assertThat(buffer.after(2, 5).orElseThrow().get(0).frame())
                .isEqualTo("{\"op\":\"EVENT\",\"s\":3,\"t\":\"message.created\",\"d\":{\"n\":3}}");
    }

    @Test
    void lastSeqBeyondWhatWasSentCannotBeResumed() {
        ReplayBuffer buffer = new ReplayBuffer(10, 10_000);
        buffer.append(entry(1, t0));
        assertThat(buffer.after(2, 1)).isEmpty();
    }

    @Test
    void eventsDroppedByTheCountBoundCannotBeReplayed() {
        ReplayBuffer buffer = new ReplayBuffer(3, 10_000);
        for (long seq = 1; seq <= 5; seq++) {
            buffer.append(entry(seq, t0));
        }
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.after(1, 5)).isEmpty();
        assertThat(buffer.after(2, 5).orElseThrow())
                .extracting(ReplayBuffer.Entry::seq)
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void theByteBoundDropsTheOldest() {
        ReplayBuffer buffer = new ReplayBuffer(100, 3 * (7 + 15 + 32));
        for (long seq = 1; seq <= 4; seq++) {
            buffer.append(entry(seq, t0)); // 7 + 15 + 32 bytes each
        }
        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.after(0, 4)).isEmpty();
        assertThat(buffer.after(1, 4)).isPresent();
    }

    @Test
    void unacknowledgedEventsStayReplayableHoweverOld() {
        // what a slow client never read is old when it is closed 4010; its resume must still find it
        ReplayBuffer buffer = new ReplayBuffer(100, 10_000);
        buffer.append(entry(1, t0));
        buffer.append(entry(2, t0.plusSeconds(600)));
        assertThat(buffer.after(0, 2).orElseThrow())
                .extracting(ReplayBuffer.Entry::seq)
                .containsExactly(1L, 2L);
    }

    @Test
    void acknowledgedEventsAreReleasedWithoutMakingLaterResumesImpossible() {
        ReplayBuffer buffer = new ReplayBuffer(100, 10_000);
        for (long seq = 1; seq <= 4; seq++) {
            buffer.append(entry(seq, t0));
        }
        buffer.acknowledge(3);
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.after(3, 4).orElseThrow())
                .extracting(ReplayBuffer.Entry::seq)
                .isEqualTo(List.of(4L));
        // a client resuming below what it acknowledged is confused: it cannot be served exactly
        assertThat(buffer.after(2, 4)).isEmpty();
    }
}
