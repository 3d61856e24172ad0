package dev.connectnow.chassis.consumer;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.outbox.EventJson;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer side, for services with Kafka: envelopes read and written by {@link EventJson}, records that
 * keep failing parked on {@code <topic>.DLT} ({@link KafkaErrorHandling}), and the typed
 * {@link EventDispatcher}. With a database, {@link ProcessedEvents} makes handlers idempotent; without one
 * (realtime-service), handlers run without de-duplication.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        })
@ConditionalOnClass(KafkaTemplate.class)
@ConditionalOnBean(KafkaTemplate.class)
@EnableConfigurationProperties(ChassisProperties.class)
public class ChassisConsumerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(EventJson.class)
    EventJson eventJson(JsonMapper jsonMapper) {
        return new EventJson(jsonMapper);
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, ChassisProperties properties) {
        return KafkaErrorHandling.deadLetteringErrorHandler(kafka, properties.getConsumer());
    }

    @Bean
    EventDispatcher eventDispatcher(
            EventJson eventJson,
            ObjectProvider<ProcessedEvents> processedEvents,
            ObjectProvider<PlatformTransactionManager> transactions) {
        return new EventDispatcher(eventJson, processedEvents.getIfAvailable(), transactions.getIfAvailable());
    }

    /** Idempotent consumers need the service's database: the id of each applied event is kept there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean(JdbcTemplate.class)
    static class Deduplication {

        @Bean
        ProcessedEvents processedEvents(JdbcTemplate jdbc, ChassisProperties properties, Clock clock) {
            return new ProcessedEvents(jdbc, properties.getConsumer(), clock);
        }
    }
}
