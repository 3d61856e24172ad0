package dev.connectnow.realtime.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentEventsTest {

    @Test
    void anIdIsNewOnceAndTheOldestAreForgottenBeyondTheCapacity() {
        RecentEvents recent = new RecentEvents(2);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();

        assertThat(recent.firstTime(a)).isTrue();
        assertThat(recent.firstTime(a)).isFalse();
        assertThat(recent.firstTime(b)).isTrue();
        assertThat(recent.firstTime(c)).isTrue();

        assertThat(recent.firstTime(a))
                .as("forgotten: the oldest of three with room for two")
                .isTrue();
        assertThat(recent.firstTime(c)).isFalse();
    }
}
