package dev.connectnow.chassis.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

/**
 * Adds the chassis' defaults at the lowest precedence, so each service's application.yml and every
 * environment variable still win over them: {@code connectnow-chassis-defaults.yml} always, and the
 * database and Kafka defaults only when the service has those libraries.
 *
 * <p>It also decides the management port when nobody set {@code management.server.port}
 * ({@code MANAGEMENT_SERVER_PORT}): the service's port + {@value #MANAGEMENT_PORT_OFFSET} (auth-service 8081
 * → 9081), so the actuator is never on the public port and services on one machine do not collide. A
 * service on port 0 (a random port, as in tests) keeps it on the service's port unless one is set.
 */
public class ChassisDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "connectnow-chassis-defaults.yml";
    static final String MANAGEMENT_PORT = "management.server.port";
    static final int MANAGEMENT_PORT_OFFSET = 1000;

    /** Capability defaults by the class that shows the service has the capability. */
    static final Map<String, String> BY_CAPABILITY = Map.of(
            "connectnow-chassis-data.yml", "org.springframework.jdbc.core.JdbcTemplate",
            "connectnow-chassis-kafka.yml", "org.springframework.kafka.core.KafkaTemplate");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        ClassLoader classLoader = application.getClassLoader();
        add(environment, RESOURCE);
        BY_CAPABILITY.entrySet().stream()
                .filter(capability -> ClassUtils.isPresent(capability.getValue(), classLoader))
                .map(Map.Entry::getKey)
                .sorted()
                .forEach(resource -> add(environment, resource));
        defaultManagementPort(environment);
    }

    private static void defaultManagementPort(ConfigurableEnvironment environment) {
        if (environment.containsProperty(MANAGEMENT_PORT)) {
            return;
        }
        int serverPort = environment.getProperty("server.port", Integer.class, 8080);
        if (serverPort <= 0) {
            return;
        }
        int managementPort = serverPort + MANAGEMENT_PORT_OFFSET;
        if (managementPort > 65535) {
            throw new IllegalStateException("Server port " + serverPort + " leaves no default management port; set "
                    + "MANAGEMENT_SERVER_PORT (the actuator must not share the public port)");
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "connectnow-chassis-management-port", Map.of(MANAGEMENT_PORT, managementPort)));
    }

    private static void add(ConfigurableEnvironment environment, String resource) {
        try {
            List<PropertySource<?>> sources =
                    new YamlPropertySourceLoader().load(resource.replace(".yml", ""), new ClassPathResource(resource));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
