package dev.connectnow.auth.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * "At most {@code limit} attempts within any {@code window}": a sliding log, exact at every instant (no
 * fixed buckets an attacker can straddle). Pure, so the rule is tested without a database.
 *
 * @param limit  attempts allowed inside the window
 * @param window how far back attempts count
 */
public record SlidingWindow(int limit, Duration window) {

    public SlidingWindow {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        Objects.requireNonNull(window);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }

    /** Attempts at or before this instant no longer count. */
    public Instant horizon(Instant now) {
        return now.minus(window);
    }

    /**
     * Whether one more attempt may happen now.
     *
     * @param newestFirst earlier attempts, newest first; only the first {@code limit} matter and entries
     *                    outside the window are ignored
     * @return allowed, or refused with how long until the oldest counted attempt leaves the window
     */
    public Decision decide(List<Instant> newestFirst, Instant now) {
        Instant horizon = horizon(now);
        List<Instant> counted = newestFirst.stream()
                .filter(t -> t.isAfter(horizon))
                .limit(limit)
                .toList();
        if (counted.size() < limit) {
            return Decision.ALLOWED;
        }
        // once the limit-th newest attempt ages out, only limit-1 remain and the next attempt is allowed
        Instant freedAt = counted.get(limit - 1).plus(window);
        Duration wait = Duration.between(now, freedAt);
        return Decision.refused(roundUpToSeconds(wait));
    }

    private static Duration roundUpToSeconds(Duration wait) {
        long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    /** @param retryAfter whole seconds (at least 1) until an attempt would be allowed; null when allowed */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, null);

        static Decision refused(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }

        /** The stricter of two decisions: refused wins, and the longer wait wins. */
        public Decision and(Decision other) {
            if (allowed) {
                return other;
            }
            if (other.allowed) {
                return this;
            }
            return retryAfter.compareTo(other.retryAfter) >= 0 ? this : other;
        }
    }
}
