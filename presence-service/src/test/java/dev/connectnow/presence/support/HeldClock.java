package dev.connectnow.presence.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A clock that stands still until a test moves it: every timer of the service follows it. */
public final class HeldClock extends Clock {

    private volatile Instant now;

    public HeldClock(Instant start) {
        this.now = start.truncatedTo(ChronoUnit.MICROS);
    }

    public synchronized Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
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
        throw new UnsupportedOperationException("UTC only");
    }
}
