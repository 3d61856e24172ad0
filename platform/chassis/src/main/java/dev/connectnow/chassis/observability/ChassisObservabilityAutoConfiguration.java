package dev.connectnow.chassis.observability;

import dev.connectnow.chassis.config.ChassisProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every kind of service gets, whatever else it has: the microsecond UTC {@link Clock} and a readiness
 * group that includes the database exactly when the service has one. Metric tags, health probes and
 * structured-log defaults come from {@code connectnow-chassis-defaults.yml}.
 */
@AutoConfiguration
@EnableConfigurationProperties(ChassisProperties.class)
public class ChassisObservabilityAutoConfiguration {

    /**
     * UTC at PostgreSQL's precision (microseconds), so a timestamp a request returns equals the one read
     * back later. Services inject it for every time-based rule, which also lets tests hold time still.
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthEndpointProperties.class)
    static class Readiness {

        @Bean
        static ReadinessGroupDefaults readinessGroupDefaults(ListableBeanFactory beans) {
            return new ReadinessGroupDefaults(beans);
        }
    }
}
