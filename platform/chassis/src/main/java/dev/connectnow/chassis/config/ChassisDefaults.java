package dev.connectnow.chassis.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

/**
 * Adds the chassis' defaults at the lowest precedence, so each service's application.yml and every
 * environment variable still win over them: {@code connectnow-chassis-defaults.yml} always, and the
 * database and Kafka defaults only when the service has those libraries.
 */
public class ChassisDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "connectnow-chassis-defaults.yml";

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
