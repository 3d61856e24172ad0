package dev.connectnow.realtime.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InboundLimitsTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aBurstOf120PassesThe121stDoesNot() {
        FrameRateLimiter limiter = new FrameRateLimiter(120, 60 * SECOND, 0);
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryAcquire(i)).as("frame %d", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire(200)).isFalse();
    }

    @Test
    void theBudgetRefillsAtTwoFramesPerSecond() {
        FrameRateLimiter limiter = new FrameRateLimiter(120, 60 * SECOND, 0);
        for (int i = 0; i < 120; i++) {
            limiter.tryAcquire(0);
        }
        assertThat(limiter.tryAcquire(SECOND / 4)).isFalse();
        assertThat(limiter.tryAcquire(SECOND)).isTrue();
        assertThat(limiter.tryAcquire(SECOND)).isTrue();
        assertThat(limiter.tryAcquire(SECOND)).isFalse();
        // a quiet minute restores the whole budget, not more
        long later = 10 * 60 * SECOND;
        for (int i = 0; i < 120; i++) {
            assertThat(limiter.tryAcquire(later)).isTrue();
        }
        assertThat(limiter.tryAcquire(later)).isFalse();
    }

    @Test
    void aHeartbeatEveryThirtySecondsNeverRunsOut() {
        FrameRateLimiter limiter = new FrameRateLimiter(120, 60 * SECOND, 0);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire(i * 30 * SECOND)).isTrue();
        }
    }

    @Test
    void coalescerPassesOncePerWindowPerKey() {
        Coalescer<String> coalescer = new Coalescer<>(3 * SECOND);
        assertThat(coalescer.tryPass("a", 0)).isTrue();
        assertThat(coalescer.tryPass("a", SECOND)).isFalse();
        assertThat(coalescer.tryPass("b", SECOND)).isTrue();
        assertThat(coalescer.tryPass("a", 3 * SECOND - 1)).isFalse();
        assertThat(coalescer.tryPass("a", 3 * SECOND)).isTrue();
        coalescer.prune(5 * SECOND);
        assertThat(coalescer.size()).isEqualTo(1); // "b" expired, "a" passed at 3 s
        coalescer.prune(6 * SECOND);
        assertThat(coalescer.size()).isZero();
    }
}
