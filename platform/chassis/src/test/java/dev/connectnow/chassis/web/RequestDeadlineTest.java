package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class RequestDeadlineTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void theHeaderIsEpochMillisecondsAndAnythingElseIsNoDeadline() {
        assertThat(RequestDeadline.parse(Long.toString(NOW.toEpochMilli())).at())
                .isEqualTo(NOW);
        for (String value : new String[] {null, "", "-1", "1e12", " 1", "12.5", "9999999999999999", "soon"}) {
            assertThat(RequestDeadline.parse(value)).as(value).isEqualTo(RequestDeadline.none());
        }
    }

    @Test
    void aDeadlinePassesAtItsInstant() {
        assertThat(RequestDeadline.of(NOW.plusMillis(1)).hasPassed(clock)).isFalse();
        assertThat(RequestDeadline.of(NOW).hasPassed(clock)).isTrue();
        assertThat(RequestDeadline.none().hasPassed(clock)).isFalse();
    }

    @Test
    void aWaitIsCutToTheTimeLeft() {
        Duration patience = Duration.ofSeconds(3);
        assertThat(RequestDeadline.none().limit(patience, clock)).isEqualTo(patience);
        assertThat(RequestDeadline.of(NOW.plusSeconds(10)).limit(patience, clock))
                .isEqualTo(patience);
        assertThat(RequestDeadline.of(NOW.plusMillis(800)).limit(patience, clock))
                .isEqualTo(Duration.ofMillis(800));
        assertThat(RequestDeadline.of(NOW.minusSeconds(1)).limit(patience, clock))
                .isZero();
    }

    @Test
    void workPastTheDeadlineIsRefusedWithRetryAfter() {
        RequestDeadline.of(NOW.plusMillis(1)).requireTimeLeft(clock);
        assertThatThrownBy(() -> RequestDeadline.of(NOW).requireTimeLeft(clock))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
    }
}
