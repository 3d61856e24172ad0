package dev.connectnow.chassis.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    private final SteppedClock clock = new SteppedClock();
    private final TokenBuckets<UUID> buckets = new TokenBuckets<>(3, 2.0, clock);
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void aBurstIsAllowedThenTheCallerIsToldHowLongToWait() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(ada)).isEmpty();
        }
        assertThat(buckets.take(ada)).contains(Duration.ofMillis(500));
        assertThat(buckets.take(bob)).as("other users are unaffected").isEmpty();

        clock.advance(Duration.ofMillis(500));
        assertThat(buckets.take(ada)).as("refilled at 2 per second").isEmpty();
        assertThat(buckets.take(ada)).isPresent();
    }

    @Test
    void fullBucketsAreForgotten() {
        buckets.take(ada);
        buckets.take(bob);
        clock.advance(Duration.ofSeconds(1));
        buckets.take(bob);
        buckets.purgeFull();
        assertThat(buckets.tracked()).as("ada refilled completely, bob did not").isEqualTo(1);
    }

    @Test
    void nonsenseLimitsAreRefused() {
        assertThatThrownBy(() -> new TokenBuckets<UUID>(0, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBuckets<UUID>(1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class SteppedClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration amount) {
            now = now.plus(amount);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
