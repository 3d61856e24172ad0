package dev.connectnow.chassis.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When the caller stops waiting for this request. The gateway sends {@value #HEADER} (epoch milliseconds) on
 * every request it times, stripping any a client sent: past that instant it has answered 503 itself, so work
 * done for the request afterwards is wasted — or worse, a write the client was told failed, which it repeats.
 * Controllers receive it as a parameter; a request without the header has {@linkplain #none() none}.
 *
 * <p>An absolute instant, not a time budget: it also counts the time a request queued before the service read
 * it (connection backlog, a busy thread pool), the queue that grows when a service falls behind. It assumes the
 * gateway's and the service's clocks agree to well within the gateway's time limit (seconds), as NTP keeps them.
 */
public record RequestDeadline(@Nullable Instant at) {

    public static final String HEADER = "X-Request-Deadline";

    static final String ATTRIBUTE = RequestDeadline.class.getName();

    private static final RequestDeadline NONE = new RequestDeadline(null);

    static final String EXPIRED = "The request waited past its deadline and was not processed; try again";

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    public static RequestDeadline none() {
        return NONE;
    }

    public static RequestDeadline of(Instant at) {
        return new RequestDeadline(at);
    }

    /** The header's value; anything but epoch milliseconds counts as no deadline (only the gateway sets it). */
    public static RequestDeadline parse(@Nullable String header) {
        if (header == null
                || header.isEmpty()
                || header.length() > 15
                || !header.chars().allMatch(Character::isDigit)) {
            return NONE;
        }
        return new RequestDeadline(Instant.ofEpochMilli(Long.parseLong(header)));
    }

    public boolean hasPassed(Clock clock) {
        return at != null && !clock.instant().isBefore(at);
    }

    /** {@code patience}, cut to the time left before the deadline. */
    public Duration limit(Duration patience, Clock clock) {
        if (at == null) {
            return patience;
        }
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left.compareTo(patience) < 0 ? left : patience;
    }

    /** Refuses with {@link #expired()} once the caller has stopped waiting: nothing after this point runs. */
    public void requireTimeLeft(Clock clock) {
        if (hasPassed(clock)) {
            throw expired();
        }
    }

    /** The 503, with {@code Retry-After}, for work not done because its caller has stopped waiting. */
    public static ApiException expired() {
        return ApiException.serviceUnavailable(EXPIRED, RETRY_AFTER);
    }
}
