package dev.connectnow.testkit;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Test runs read logs as text, not JSON, and the in-JVM Kafka broker is chatty at INFO. Applied while the
 * environment is prepared, i.e. before logging starts; the test kit is only on test classpaths.
 */
public class TestLogging implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "connectnow-test-logging",
                        Map.ofEntries(
                                Map.entry("logging.structured.format.console", ""),
                                Map.entry("logging.level.root", "WARN"),
                                Map.entry("logging.level.dev.connectnow", "INFO"),
                                Map.entry("logging.level.kafka", "WARN"),
                                Map.entry("logging.level.state.change.logger", "WARN"),
                                Map.entry("logging.level.org.apache.kafka", "ERROR"),
                                Map.entry("logging.level.org.springframework.kafka", "WARN"),
                                Map.entry("logging.level.org.springdoc", "WARN"),
                                Map.entry("logging.level.org.springframework.boot.test", "WARN"),
                                Map.entry("logging.level.org.hibernate", "WARN"))));
    }
}
