package dev.connectnow.chassis;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.consumer.KafkaErrorHandling;
import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.outbox.OutboxRelay;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.security.AuthenticatedUserArgumentResolver;
import dev.connectnow.chassis.security.ChassisSecurityConfiguration;
import dev.connectnow.chassis.web.BodySizeLimitFilter;
import dev.connectnow.chassis.web.DatabaseUnavailableFilter;
import dev.connectnow.chassis.web.ProblemDetailsAdvice;
import dev.connectnow.chassis.web.ProblemWriter;
import dev.connectnow.chassis.web.TextSafetyModule;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service chassis: adding {@code platform-chassis} to a service gives it JWT security, problem-detail
 * errors, request limits, the transactional outbox with its Kafka relay, idempotent-consumer support,
 * dead-lettering, metrics and health groups (see docs/chassis.md).
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"
        },
        beforeName = "org.springframework.boot.kafka.autoconfigure.KafkaAnnotationDrivenConfiguration")
@EnableConfigurationProperties(ChassisProperties.class)
@Import({ChassisSecurityConfiguration.class, ProblemDetailsAdvice.class})
public class ChassisAutoConfiguration {

    static final String CHASSIS_MIGRATIONS = "classpath:db/chassis";

    static {
        // controllers get the caller from the access token, not from request parameters: keep it out of
        // the OpenAPI documents
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class);
    }

    /**
     * UTC at PostgreSQL's precision (microseconds), so a timestamp a request returns equals the one read
     * back later. Services inject it for every time-based rule, which also lets tests hold time still.
     */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    TextSafetyModule textSafetyModule() {
        return new TextSafetyModule();
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            ChassisProperties properties, ProblemWriter problems) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.getHttp().getMaxBodySize().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Maps database outages inside the security filters (e.g. session checks) to 503, as in MVC. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ProblemWriter problems) {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    WebMvcConfigurer authenticatedUserResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AuthenticatedUserArgumentResolver());
            }
        };
    }

    /** Every service's database also holds the chassis' tables (outbox, processed events). */
    @Bean
    FlywayConfigurationCustomizer chassisMigrations() {
        return configuration -> {
            List<Object> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
            locations.add(CHASSIS_MIGRATIONS);
            configuration.locations(locations.stream().map(String::valueOf).toArray(String[]::new));
        };
    }

    @Bean
    EventJson eventJson(JsonMapper jsonMapper) {
        return new EventJson(jsonMapper);
    }

    @Bean
    @ConditionalOnProperty(prefix = "connectnow.outbox", name = "enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            KafkaTemplate<String, String> kafka,
            ChassisProperties properties,
            MeterRegistry meters) {
        return new OutboxRelay(
                jdbc, new TransactionTemplate(transactionManager), kafka, properties.getOutbox(), meters);
    }

    @Bean
    OutboxPublisher outboxPublisher(
            JdbcTemplate jdbc,
            EventJson eventJson,
            @Value("${spring.application.name}") String applicationName,
            ObjectProvider<OutboxRelay> relay) {
        return new OutboxPublisher(jdbc, eventJson, applicationName, relay.getIfAvailable());
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, ChassisProperties properties) {
        return new ProcessedEvents(jdbc, properties.getConsumer());
    }

    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> kafka, ChassisProperties properties) {
        return KafkaErrorHandling.deadLetteringErrorHandler(kafka, properties.getConsumer());
    }
}
