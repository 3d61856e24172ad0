package dev.connectnow.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    @Test
    void eachKeyHasItsOwnBucket() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 2, Duration.ofMinutes(10), 1000, clock::get);
        assertThat(limiter.tryAcquire("user:a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("user:a").allowed()).isTrue();
        TokenBucket.Decision rejected = limiter.tryAcquire("user:a");
        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.tryAcquire("user:b").allowed()).isTrue();
        assertThat(limiter.tryAcquire("ip:127.0.0.1").allowed()).isTrue();
    }

    @Test
    void idleKeysAreEvicted() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(10, 10, Duration.ofMinutes(1), 1000, clock::get);
        limiter.tryAcquire("user:a");
        limiter.tryAcquire("user:b");
        assertThat(limiter.size()).isEqualTo(2);
        clock.addAndGet(30 * SECOND);
        limiter.tryAcquire("user:b"); // b stays active
        clock.addAndGet(31 * SECOND);
        assertThat(limiter.size()).isEqualTo(1);
        clock.addAndGet(61 * SECOND);
        assertThat(limiter.size()).isZero();
    }

    @Test
    void aBucketIsNotEvictedBeforeItWouldBeFullAgain() {
        // burst 100 at 1/s takes 100 s to refill: a 1 s idle timeout must not reset a drained bucket
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 100, Duration.ofSeconds(1), 1000, clock::get);
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("user:a");
        }
        assertThat(limiter.tryAcquire("user:a").allowed()).isFalse();
        clock.addAndGet(5 * SECOND);
        int allowed = 0;
        for (int i = 0; i < 20; i++) {
            allowed += limiter.tryAcquire("user:a").allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(5);
    }

    @Test
    void theNumberOfKeysIsBounded() {
        KeyedRateLimiter limiter = new KeyedRateLimiter(1, 1, Duration.ofMinutes(10), 100, clock::get);
        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("ip:10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limiter.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatThrownBy(() -> new KeyedRateLimiter(0, 1, Duration.ofMinutes(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyedRateLimiter(1, 0, Duration.ofMinutes(1), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
