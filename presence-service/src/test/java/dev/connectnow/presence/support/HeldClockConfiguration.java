package dev.connectnow.presence.support;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Replaces the chassis clock with a {@link HeldClock} starting at the real time. */
@TestConfiguration(proxyBeanMethods = false)
public class HeldClockConfiguration {

    @Bean
    @Primary
    HeldClock heldClock() {
        return new HeldClock(Instant.now());
    }
}
