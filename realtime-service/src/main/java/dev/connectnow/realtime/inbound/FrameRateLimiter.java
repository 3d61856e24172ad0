package dev.connectnow.realtime.inbound;

/**
 * The inbound frame budget of one socket (S15): a token bucket holding {@code capacity} frames, refilled
 * continuously at {@code capacity} per {@code periodNanos}. With the defaults (120 per 60 s) a client may send
 * 120 frames at once, then 2 per second; one heartbeat every 30 s uses a sliver of that.
 *
 * <p>Two fields per socket; guarded by the socket (frames of one socket are handled one at a time).
 */
public final class FrameRateLimiter {

    private final int capacity;
    private final long nanosPerFrame;
    private double available;
    private long lastRefill;

    public FrameRateLimiter(int capacity, long periodNanos, long nowNanos) {
        if (capacity < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("capacity and period must be positive");
        }
        this.capacity = capacity;
        this.nanosPerFrame = Math.max(1, periodNanos / capacity);
        this.available = capacity;
        this.lastRefill = nowNanos;
    }

    /** Takes one frame from the budget; false when the client exceeded it. */
    public boolean tryAcquire(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        if (elapsed > 0) {
            available = Math.min(capacity, available + (double) elapsed / nanosPerFrame);
            lastRefill = nowNanos;
        }
        if (available >= 1) {
            available -= 1;
            return true;
        }
        return false;
    }
}
