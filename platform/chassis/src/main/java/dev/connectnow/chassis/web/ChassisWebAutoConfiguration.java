package dev.connectnow.chassis.web;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.security.AuthenticatedUserArgumentResolver;
import dev.connectnow.chassis.security.ChassisAccessTokenAutoConfiguration;
import dev.connectnow.chassis.security.ChassisSecurityConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.swagger.v3.core.converter.ModelConverter;
import jakarta.validation.ConstraintViolationException;
import java.time.Clock;
import java.util.List;
import org.springdoc.core.customizers.ServerBaseUrlCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessException;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web capability of a servlet (Spring MVC) service: every request authenticated with an access token
 * ({@link ChassisSecurityConfiguration}), every error an RFC 9457 problem ({@link ProblemDetailsAdvice}),
 * client input that would fail deeper refused first ({@link RequestHygieneFilter}), bodies bounded
 * ({@link BodySizeLimitFilter}) and read as JSON only ({@link JsonOnly}), text the database would not store
 * as sent refused in JSON ({@link TextSafetyModule}), values of the wrong type and repeated fields refused
 * rather than converted or overwritten ({@link StrictJson}),
 * the caller available to controllers as an {@link AuthenticatedUser} parameter. With a database, its
 * failures become 409/503 problems as well ({@link DatabaseProblemDetailsAdvice}).
 *
 * <p>Needs Spring MVC, Spring Security and Bean Validation (all brought by {@code platform-starter-web});
 * a WebFlux application never gets any of it.
 */
@AutoConfiguration(
        after = ChassisAccessTokenAutoConfiguration.class,
        afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        beforeName = {
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, SecurityFilterChain.class, ConstraintViolationException.class})
@EnableConfigurationProperties(ChassisProperties.class)
@Import({ChassisSecurityConfiguration.class, ProblemDetailsAdvice.class})
public class ChassisWebAutoConfiguration {

    @Bean
    ProblemWriter problemWriter(JsonMapper jsonMapper) {
        return new ProblemWriter(jsonMapper);
    }

    @Bean
    TextSafetyModule textSafetyModule() {
        return new TextSafetyModule();
    }

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /** First of all: the time a request queued is measured before anything else spends any. */
    @Bean
    FilterRegistrationBean<RequestQueueTimeFilter> requestQueueTimeFilter(
            Clock clock, ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<RequestQueueTimeFilter> registration = new FilterRegistrationBean<>(
                new RequestQueueTimeFilter(clock, meters.getIfAvailable(SimpleMeterRegistry::new)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before everything else: a request nobody waits for any more is not worth even its hygiene check. */
    @Bean
    FilterRegistrationBean<RequestDeadlineFilter> requestDeadlineFilter(
            Clock clock, ProblemWriter problems, ObjectProvider<MeterRegistry> meters) {
        FilterRegistrationBean<RequestDeadlineFilter> registration = new FilterRegistrationBean<>(
                new RequestDeadlineFilter(clock, problems, meters.getIfAvailable(SimpleMeterRegistry::new)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** First of the input filters, ahead of security: refused input never reaches code that would fail on it. */
    @Bean
    FilterRegistrationBean<RequestHygieneFilter> requestHygieneFilter(ProblemWriter problems) {
        FilterRegistrationBean<RequestHygieneFilter> registration =
                new FilterRegistrationBean<>(new RequestHygieneFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            ChassisProperties properties, ProblemWriter problems) {
        FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                new BodySizeLimitFilter(properties.getHttp().getMaxBodySize().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer chassisWebMvcConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new AuthenticatedUserArgumentResolver());
                resolvers.add(new RequestDeadlineArgumentResolver());
            }

            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
                converters.configureMessageConvertersList(JsonOnly::removeOtherStructuredFormats);
            }
        };
    }

    /** Services with a database: its failures are problems too, also when they happen in security filters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(DataAccessException.class)
    @Import(DatabaseProblemDetailsAdvice.class)
    static class DatabaseProblems {

        /** Maps database outages inside the security filters (e.g. session checks) to 503, as in MVC. */
        @Bean
        FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ProblemWriter problems) {
            FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                    new FilterRegistrationBean<>(new DatabaseUnavailableFilter(problems));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.hibernate.exception.ConstraintViolationException")
    @Import(HibernateProblemDetailsAdvice.class)
    static class HibernateProblems {}

    /**
     * Controllers get the caller from the access token and the deadline from the gateway, not from request
     * parameters: keep both out of OpenAPI.
     * PATCH fields are documented as the values they carry. Server URLs are relative.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SpringDocUtils.class)
    static class OpenApi {
        static {
            SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedUser.class, RequestDeadline.class);
        }

        @Bean
        ModelConverter patchFieldModelConverter() {
            return new PatchFieldModelConverter();
        }

        /**
         * Clients read the documents through the gateway ({@code /v3/api-docs/<service>}): the API is served
         * where the document was found, never at the service's own address, which springdoc would otherwise
         * advertise from the request the gateway made.
         */
        @Bean
        ServerBaseUrlCustomizer relativeServerUrl() {
            return (serverBaseUrl, request) -> "/";
        }
    }
}
