package dev.connectnow.testkit.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.consumer.ChassisConsumerAutoConfiguration;
import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.observability.ChassisObservabilityAutoConfiguration;
import dev.connectnow.chassis.observability.ReadinessGroupDefaults;
import dev.connectnow.chassis.outbox.ChassisOutboxAutoConfiguration;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.security.ChassisAccessTokenAutoConfiguration;
import dev.connectnow.chassis.web.ChassisWebAutoConfiguration;
import dev.connectnow.chassis.web.ProblemDetailsAdvice;
import dev.connectnow.testkit.TestTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * realtime-service's situation: a WebFlux edge without a database that validates the access token of its
 * IDENTIFY frame itself. Its classpath lacks JDBC, JPA and the servlet stack; it has Kafka.
 */
class ReactiveEdgeTest {

    private final ReactiveWebApplicationContextRunner edge = new ReactiveWebApplicationContextRunner()
            .withClassLoader(new FilteredClassLoader(
                    "org.springframework.jdbc",
                    "org.springframework.orm",
                    "org.springframework.boot.jdbc",
                    "org.hibernate",
                    "jakarta.persistence",
                    "jakarta.servlet",
                    "org.springframework.web.servlet",
                    "org.springframework.boot.webmvc",
                    "org.springframework.cloud.client.loadbalancer"))
            .withConfiguration(AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    KafkaAutoConfiguration.class,
                    ChassisObservabilityAutoConfiguration.class,
                    ChassisAccessTokenAutoConfiguration.class,
                    ChassisWebAutoConfiguration.class,
                    ChassisConsumerAutoConfiguration.class,
                    ChassisOutboxAutoConfiguration.class))
            .withPropertyValues(
                    "spring.application.name=edge",
                    "connectnow.security.jwk-set-uri=" + TestTokens.shared().jwkSetUri());

    @Test
    void theAccessTokenDecoderAcceptsExactlyConnectNowAccessTokens() {
        edge.run(context -> {
            assertThat(context).hasNotFailed();
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            UUID user = UUID.randomUUID();
            UUID session = UUID.randomUUID();
            TestTokens tokens = TestTokens.shared();

            Jwt jwt = decoder.decode(tokens.builder(user).session(session).sign());
            AuthenticatedUser caller = AuthenticatedUser.from(jwt);
            assertThat(caller.userId()).isEqualTo(user);
            assertThat(caller.sessionId()).isEqualTo(session);

            String valid = tokens.builder(user).sign();
            String[] parts = valid.split("\\.");
            String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
            String unsigned = parts[0] + "." + parts[1] + ".";
            String expired = tokens.builder(user)
                    .expiresAt(Instant.now().minusSeconds(120))
                    .sign();
            String wrongAudience = tokens.builder(user).audience("other-api").sign();
            String wrongIssuer = tokens.builder(user).issuer("someone-else").sign();
            String notAUser = tokens.builder(user).claim("sub", "admin").sign();
            for (String token : new String[] {forged, unsigned, expired, wrongAudience, wrongIssuer, notAUser}) {
                assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
            }
        });
    }

    @Test
    void getsNoServletBeansNoOutboxAndReadinessWithoutADatabase() {
        edge.run(context -> {
            assertThat(context).hasSingleBean(Clock.class);
            assertThat(context).doesNotHaveBean(ProblemDetailsAdvice.class);
            assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
            assertThat(context).doesNotHaveBean("chassisSecurityFilterChain");
            assertThat(context).doesNotHaveBean(OutboxPublisher.class);
            assertThat(context).doesNotHaveBean(ProcessedEvents.class);
            assertThat(context.getBean(ReadinessGroupDefaults.class).members()).containsExactly("readinessState");
        });
    }

    @Test
    void consumesEventsWithoutDeduplication() {
        edge.run(context -> {
            assertThat(context).hasSingleBean(EventJson.class);
            EventDispatcher dispatcher = context.getBean(EventDispatcher.class);
            assertThat(dispatcher.withoutDeduplication().types()).isEmpty();
            assertThatThrownBy(() -> dispatcher.deduplicatedAs("edge.user"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("database");
        });
    }

    @Test
    void withoutKafkaTheConsumerSideIsAbsentToo() {
        edge.withClassLoader(new FilteredClassLoader(
                        "org.springframework.jdbc",
                        "org.springframework.kafka",
                        "jakarta.servlet",
                        "org.springframework.web.servlet",
                        "org.springframework.cloud.client.loadbalancer"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(JwtDecoder.class);
                    assertThat(context).doesNotHaveBean(EventJson.class);
                    assertThat(context).doesNotHaveBean(EventDispatcher.class);
                });
    }
}
