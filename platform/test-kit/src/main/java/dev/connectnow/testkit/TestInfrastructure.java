package dev.connectnow.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Wires {@link ServiceIntegrationTest} classes to the shared PostgreSQL server (new database per class),
 * the shared Kafka broker and the test JWKS. Registered in META-INF/spring.factories. A service without
 * JDBC on its classpath (realtime-service) gets no database, and the PostgreSQL server is not started.
 */
public class TestInfrastructure implements ContextCustomizerFactory {

    static final String JDBC_AUTO_CONFIGURATION =
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(ServiceIntegrationTest.class);
        return wanted ? new PerClassInfrastructure(testClass) : null;
    }

    /** Equal only for the same test class, so each class gets its own context and its own database. */
    record PerClassInfrastructure(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (ClassUtils.isPresent(JDBC_AUTO_CONFIGURATION, context.getClassLoader())) {
                TestPostgres.Database database = TestPostgres.shared().createDatabase();
                properties.put("spring.datasource.url", database.jdbcUrl());
                properties.put("spring.datasource.username", database.username());
                properties.put("spring.datasource.password", database.password());
            }
            properties.put("spring.kafka.bootstrap-servers", TestKafka.shared().bootstrapServers());
            properties.put("spring.kafka.consumer.auto-offset-reset", "earliest");
            properties.put("eureka.client.enabled", "false");
            properties.put("spring.cloud.service-registry.auto-registration.enabled", "false");
            properties.put(
                    "connectnow.security.jwk-set-uri", TestTokens.shared().jwkSetUri());
            properties.put("connectnow.outbox.poll-interval", "200ms");
            properties.put("connectnow.consumer.retry-backoff", "100ms");
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("connectnow-test-infrastructure", properties));
        }
    }
}
