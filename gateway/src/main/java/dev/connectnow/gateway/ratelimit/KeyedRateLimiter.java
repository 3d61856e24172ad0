package dev.connectnow.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a user id or a client IP), held in memory. Buckets of
 * keys that stay idle are evicted: a bucket idle for {@code burst / rate} seconds is full
 * again, so dropping it later than that loses nothing. The number of buckets is bounded.
 * <p>
 * The limit is per gateway instance: with N instances a key may get up to N times the
 * rate. That is the accepted trade-off for not needing a shared store.
 */
public final class KeyedRateLimiter {

    private final double requestsPerSecond;

    private final int burst;

    private final LongSupplier nanoClock;

    private final Cache<String, TokenBucket> buckets;

    public KeyedRateLimiter(double requestsPerSecond, int burst, Duration idleTimeout, long maxKeys) {
        this(requestsPerSecond, burst, idleTimeout, maxKeys, System::nanoTime);
    }

    public KeyedRateLimiter(
            double requestsPerSecond, int burst, Duration idleTimeout, long maxKeys, LongSupplier nanoClock) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests-per-second must be positive");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        Duration refillTime = Duration.ofNanos((long) Math.ceil(burst / requestsPerSecond * 1_000_000_000d));
        Duration idle = idleTimeout.compareTo(refillTime) > 0 ? idleTimeout : refillTime;
        Ticker ticker = nanoClock::getAsLong;
        this.buckets = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterAccess(idle)
                .maximumSize(maxKeys)
                .executor(Runnable::run)
                .build();
    }

    public TokenBucket.Decision tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = buckets.get(key, k -> new TokenBucket(burst, requestsPerSecond, now));
        return bucket.tryConsume(now);
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
