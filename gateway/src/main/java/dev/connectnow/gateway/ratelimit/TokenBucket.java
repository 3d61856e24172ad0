package dev.connectnow.gateway.ratelimit;

/**
 * A classic token bucket: holds at most {@code capacity} tokens, refilled continuously at
 * {@code refillPerSecond}; each request takes one token. Time is passed in (nanoseconds
 * from any monotonic source) so the logic is deterministic under test.
 */
public final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double capacity;

    private final double refillPerNano;

    private double tokens;

    private long lastRefillNanos;

    public TokenBucket(double capacity, double refillPerSecond, long nowNanos) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        if (!(refillPerSecond > 0)) {
            throw new IllegalArgumentException("refillPerSecond must be positive");
        }
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.lastRefillNanos = nowNanos;
    }

    /**
     * Takes one token if there is one.
     * @param nowNanos the current time
     * @return the decision, with the wait until the next token when rejected
     */
    public synchronized Decision tryConsume(long nowNanos) {
        refill(nowNanos);
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, (long) Math.floor(tokens), 0);
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / refillPerNano);
        return new Decision(false, 0, waitNanos);
    }

    synchronized double availableTokens(long nowNanos) {
        refill(nowNanos);
        return tokens;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * refillPerNano);
            lastRefillNanos = nowNanos;
        }
    }

    /**
     * @param allowed whether the request may proceed
     * @param remaining whole tokens left after this request
     * @param waitNanos when rejected: time until one token is available
     */
    public record Decision(boolean allowed, long remaining, long waitNanos) {

        /** Whole seconds to put in {@code Retry-After}: rounded up, at least 1. */
        public long retryAfterSeconds() {
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}
