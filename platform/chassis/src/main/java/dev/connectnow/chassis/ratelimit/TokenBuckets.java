package dev.connectnow.chassis.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per key (a user id, a socket id): up to {@code burst} actions at once, refilled at
 * {@code perSecond}. In memory, per service instance, which is what a flood from one client needs (S15): the
 * gateway's limits guard the edge, these guard the costly action itself. Buckets that have refilled
 * completely carry no information and are dropped now and then, so memory follows the number of recently
 * active keys. Time comes from the injected clock.
 *
 * <pre>{@code
 * buckets.take(me.userId()).ifPresent(wait -> {
 *     throw ApiException.tooManyRequests("Too many messages; slow down", wait);
 * });
 * }</pre>
 */
public final class TokenBuckets<K> {

    private static final long PURGE_EVERY = 4096;

    private final int burst;
    private final double perSecond;
    private final Clock clock;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong takes = new AtomicLong();

    public TokenBuckets(int burst, double perSecond, Clock clock) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("burst must be at least 1 and the rate positive");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = clock;
    }

    /** Tokens and the time they were counted. */
    private record Bucket(double tokens, Instant at) {}

    /** Takes a token for the key; empty if there was one, otherwise how long until there is. */
    public Optional<Duration> take(K key) {
        if (takes.incrementAndGet() % PURGE_EVERY == 0) {
            purgeFull();
        }
        Instant now = clock.instant();
        double[] missing = new double[1];
        buckets.compute(key, (k, held) -> {
            Bucket current = refill(held, now);
            if (current.tokens() >= 1) {
                return new Bucket(current.tokens() - 1, now);
            }
            missing[0] = 1 - current.tokens();
            return current;
        });
        return missing[0] == 0
                ? Optional.empty()
                : Optional.of(Duration.ofNanos((long) Math.ceil(missing[0] / perSecond * 1e9)));
    }

    /** Keys currently tracked (for tests and metrics). */
    public int tracked() {
        return buckets.size();
    }

    void purgeFull() {
        Instant now = clock.instant();
        buckets.entrySet().removeIf(e -> refill(e.getValue(), now).tokens() >= burst);
    }

    private Bucket refill(Bucket held, Instant now) {
        if (held == null) {
            return new Bucket(burst, now);
        }
        double elapsed = Math.max(0, Duration.between(held.at(), now).toNanos()) / 1e9;
        return new Bucket(Math.min(burst, held.tokens() + elapsed * perSecond), now);
    }
}
