package dev.connectnow.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void allowsABurstUpToTheCapacityThenRejects() {
        TokenBucket bucket = new TokenBucket(3, 1, 0);
        assertThat(bucket.tryConsume(0)).satisfies(d -> {
            assertThat(d.allowed()).isTrue();
            assertThat(d.remaining()).isEqualTo(2);
        });
        assertThat(bucket.tryConsume(0).allowed()).isTrue();
        assertThat(bucket.tryConsume(0).remaining()).isZero();
        TokenBucket.Decision rejected = bucket.tryConsume(0);
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.waitNanos()).isEqualTo(SECOND);
        assertThat(rejected.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void refillsContinuouslyAtTheConfiguredRate() {
        TokenBucket bucket = new TokenBucket(2, 4, 0); // 4 tokens per second
        bucket.tryConsume(0);
        bucket.tryConsume(0);
        assertThat(bucket.tryConsume(0).allowed()).isFalse();
        assertThat(bucket.tryConsume(SECOND / 8).allowed()).isFalse(); // half a token
        assertThat(bucket.tryConsume(SECOND / 4).allowed()).isTrue(); // exactly one
        assertThat(bucket.tryConsume(SECOND / 4).allowed()).isFalse();
    }

    @Test
    void neverHoldsMoreThanTheCapacity() {
        TokenBucket bucket = new TokenBucket(5, 10, 0);
        assertThat(bucket.availableTokens(3600 * SECOND)).isEqualTo(5.0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryConsume(3600 * SECOND).allowed()).isTrue();
        }
        assertThat(bucket.tryConsume(3600 * SECOND).allowed()).isFalse();
    }

    @Test
    void rejectedRequestsDoNotConsumeTokens() {
        TokenBucket bucket = new TokenBucket(1, 1, 0);
        bucket.tryConsume(0);
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.tryConsume(i).allowed()).isFalse();
        }
        assertThat(bucket.tryConsume(SECOND).allowed()).isTrue();
    }

    @Test
    void retryAfterIsRoundedUpToWholeSeconds() {
        TokenBucket bucket = new TokenBucket(1, 0.25, 0); // one token every 4 s
        bucket.tryConsume(0);
        TokenBucket.Decision rejected = bucket.tryConsume(SECOND / 2);
        assertThat(rejected.waitNanos()).isEqualTo(3 * SECOND + SECOND / 2);
        assertThat(rejected.retryAfterSeconds()).isEqualTo(4);
        assertThat(new TokenBucket.Decision(false, 0, 1).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void toleratesAClockThatDoesNotMove() {
        TokenBucket bucket = new TokenBucket(1, 1, 10 * SECOND);
        assertThat(bucket.tryConsume(5 * SECOND).allowed()).isTrue(); // earlier reading: no refill, no crash
        assertThat(bucket.tryConsume(5 * SECOND).allowed()).isFalse();
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
