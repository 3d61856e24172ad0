package dev.connectnow.dm.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final TokenBuckets buckets = new TokenBuckets(3, 2, clock);
    private final UUID user = UUID.randomUUID();

    @Test
    void aBurstThenTheRefillRate() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(user)).isEmpty();
        }
        assertThat(buckets.take(user)).hasValue(Duration.ofMillis(500));
        clock.advance(Duration.ofMillis(250));
        assertThat(buckets.take(user)).hasValue(Duration.ofMillis(250));
        clock.advance(Duration.ofMillis(250));
        assertThat(buckets.take(user)).isEmpty();
        assertThat(buckets.take(user)).isPresent();
    }

    @Test
    void refusedAttemptsDoNotCostTokens() {
        for (int i = 0; i < 3; i++) {
            buckets.take(user);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(buckets.take(user)).isPresent();
        }
        clock.advance(Duration.ofMillis(500));
        assertThat(buckets.take(user)).isEmpty();
    }

    @Test
    void usersHaveBucketsOfTheirOwnAndIdleOnesAreForgotten() {
        for (int i = 0; i < 3; i++) {
            buckets.take(user);
        }
        UUID other = UUID.randomUUID();
        assertThat(buckets.take(other)).isEmpty();
        assertThat(buckets.tracked()).isEqualTo(2);

        clock.advance(Duration.ofMillis(1400));
        buckets.purgeFull();
        assertThat(buckets.tracked()).as("the first user is not full again yet").isEqualTo(1);
        clock.advance(Duration.ofMillis(100));
        buckets.purgeFull();
        assertThat(buckets.tracked()).isZero();
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(user)).isEmpty();
        }
    }
}
