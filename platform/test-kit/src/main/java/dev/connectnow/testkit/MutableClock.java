package dev.connectnow.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A clock that stands still until the test moves it: for time-based rules (expiries, retention, "edited
 * within 15 minutes") without sleeping. Starts at the current time at PostgreSQL's precision, in UTC.
 *
 * <p>A test replaces the service's clock (the chassis' {@code Clock} bean gives way to any other) with
 * {@code @Import(MutableClock.Config.class)} and injects {@code MutableClock} to move it.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MutableClock() {
        this(Instant.now());
    }

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start.truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves time forward (or back, with a negative amount); returns the new now. */
    public Instant advance(Duration amount) {
        return now.updateAndGet(current -> current.plus(amount));
    }

    public void set(Instant instant) {
        now.set(instant.truncatedTo(ChronoUnit.MICROS));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("services work in UTC");
    }

    /** Registers a {@link MutableClock} as the application's {@link Clock}. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }
}
