package dev.connectnow.realtime.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RealtimeMetricsTest {

    @Test
    void theGaugesKeepReadingTheirValuesAfterGarbageCollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RealtimeMetrics(registry).gauges(() -> 3, () -> 2, () -> 1);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(registry.get("connectnow.realtime.sockets").gauge().value()).isEqualTo(3.0);
        assertThat(registry.get("connectnow.realtime.sessions").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("connectnow.realtime.sessions.detached").gauge().value())
                .isEqualTo(1.0);
    }
}
