package dev.connectnow.chassis.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MicrosecondClockTest {

    private final Instant moment = Instant.parse("2026-12-02T10:15:30.123456789Z");
    private final Clock clock = new MicrosecondClock(Clock.fixed(moment, ZoneOffset.UTC));

    @Test
    void instantsAreTruncatedToPostgresPrecision() {
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-12-02T10:15:30.123456Z"));
    }

    @Test
    void millisWorksWhereJdk17TickClockDividesByZero() {
        assertThat(clock.millis()).isEqualTo(moment.toEpochMilli());
        assertThat(new MicrosecondClock(Clock.systemUTC()).millis()).isPositive();
    }

    @Test
    void changingTheZoneKeepsTheTruncation() {
        Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
    }
}
