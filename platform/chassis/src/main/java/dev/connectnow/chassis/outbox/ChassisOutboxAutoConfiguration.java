package dev.connectnow.chassis.outbox;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.consumer.ChassisConsumerAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The transactional outbox, for services with a database and Kafka: {@link OutboxPublisher} records events
 * in the transaction that changes the state, {@link OutboxRelay} sends them after commit. The chassis'
 * tables ({@code outbox_event}, and {@code processed_event} for idempotent consumers) are added to the
 * service's Flyway migrations from {@code classpath:db/chassis}.
 */
@AutoConfiguration(
        after = ChassisConsumerAutoConfiguration.class,
        afterName = {
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        })
@ConditionalOnClass({JdbcTemplate.class, KafkaTemplate.class, PlatformTransactionManager.class})
@ConditionalOnBean({JdbcTemplate.class, KafkaTemplate.class, EventJson.class})
@EnableConfigurationProperties(ChassisProperties.class)
public class ChassisOutboxAutoConfiguration {

    static final String CHASSIS_MIGRATIONS = "classpath:db/chassis";

    @Bean
    @ConditionalOnProperty(prefix = "connectnow.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            KafkaTemplate<String, String> kafka,
            ChassisProperties properties,
            ObjectProvider<MeterRegistry> meters) {
        return new OutboxRelay(
                jdbc,
                new TransactionTemplate(transactionManager),
                kafka,
                properties.getOutbox(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    OutboxPublisher outboxPublisher(
            JdbcTemplate jdbc,
            EventJson eventJson,
            @Value("${spring.application.name}") String applicationName,
            ObjectProvider<OutboxRelay> relay,
            Clock clock) {
        return new OutboxPublisher(jdbc, eventJson, applicationName, relay.getIfAvailable(), clock);
    }

    /** Every service database also holds the chassis' tables; service migrations start at V1. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(FlywayConfigurationCustomizer.class)
    @ConditionalOnBean(DataSource.class)
    static class ChassisMigrations {

        @Bean
        FlywayConfigurationCustomizer chassisMigrations() {
            return configuration -> {
                List<Object> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
                locations.add(CHASSIS_MIGRATIONS);
                configuration.locations(locations.stream().map(String::valueOf).toArray(String[]::new));
            };
        }
    }
}
