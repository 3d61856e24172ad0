package dev.connectnow.auth.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlidingWindowTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final SlidingWindow fivePerQuarterHour = new SlidingWindow(5, Duration.ofMinutes(15));

    @Test
    void allowsUntilTheLimitIsReached() {
        assertThat(fivePerQuarterHour.decide(List.of(), NOW).allowed()).isTrue();
        assertThat(fivePerQuarterHour.decide(ago(1, 2, 3, 4), NOW).allowed()).isTrue();
        assertThat(fivePerQuarterHour.decide(ago(1, 2, 3, 4, 5), NOW).allowed()).isFalse();
    }

    @Test
    void retryAfterIsWhenTheOldestCountedAttemptLeavesTheWindow() {
        // newest first, minutes ago: the 5th newest (10 min ago) frees a slot in 5 minutes
        SlidingWindow.Decision decision = fivePerQuarterHour.decide(ago(1, 2, 3, 4, 10, 14), NOW);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void retryAfterIsRoundedUpToWholeSecondsAndAtLeastOne() {
        Instant almostExpired = NOW.minus(Duration.ofMinutes(15)).plusMillis(300);
        SlidingWindow.Decision decision =
                new SlidingWindow(1, Duration.ofMinutes(15)).decide(List.of(almostExpired), NOW);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void attemptsOutsideTheWindowDoNotCount() {
        assertThat(fivePerQuarterHour.decide(ago(1, 2, 3, 4, 15, 16, 20), NOW).allowed())
                .isTrue();
        assertThat(fivePerQuarterHour.horizon(NOW)).isEqualTo(NOW.minus(Duration.ofMinutes(15)));
    }

    @Test
    void theStricterOfTwoDecisionsWins() {
        SlidingWindow.Decision allowed = fivePerQuarterHour.decide(List.of(), NOW);
        SlidingWindow.Decision shortWait = fivePerQuarterHour.decide(ago(1, 2, 3, 4, 14), NOW);
        SlidingWindow.Decision longWait = fivePerQuarterHour.decide(ago(1, 2, 3, 4, 5), NOW);
        assertThat(allowed.and(allowed).allowed()).isTrue();
        assertThat(allowed.and(shortWait)).isEqualTo(shortWait);
        assertThat(shortWait.and(allowed)).isEqualTo(shortWait);
        assertThat(shortWait.and(longWait)).isEqualTo(longWait);
        assertThat(longWait.and(shortWait)).isEqualTo(longWait);
    }

    @Test
    void refusesNonsensicalSettings() {
        assertThatThrownBy(() -> new SlidingWindow(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlidingWindow(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Instant> ago(int... minutes) {
        return java.util.Arrays.stream(minutes)
                .mapToObj(m -> NOW.minus(Duration.ofMinutes(m)))
                .toList();
    }
}
