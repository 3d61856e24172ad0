package dev.connectnow.chassis.observability;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * A clock whose instants are truncated to microseconds, PostgreSQL's precision. Not
 * {@code Clock.tick(clock, 1 µs)}: on JDK 17 that clock's {@code millis()} divides by zero (the tick in
 * whole milliseconds is 0), and {@code millis()} is what schedulers and libraries call.
 */
public final class MicrosecondClock extends Clock {

    private final Clock base;

    public MicrosecondClock(Clock base) {
        this.base = base;
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(base.getZone()) ? this : new MicrosecondClock(base.withZone(zone));
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public Instant instant() {
        return base.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MicrosecondClock that && base.equals(that.base);
    }

    @Override
    public int hashCode() {
        return base.hashCode() + 1;
    }
}
