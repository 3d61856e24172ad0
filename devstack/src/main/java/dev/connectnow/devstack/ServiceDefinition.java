package dev.connectnow.devstack;

import java.util.Objects;
import java.util.Optional;

/**
 * One Spring Boot application of the platform as devstack knows it: its module name (which is
 * also its {@code spring.application.name}, Eureka id and jar name), the port it gets by default,
 * and whether it owns a database.
 */
public record ServiceDefinition(String name, int defaultPort, boolean ownsDatabase) {

    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("service name must be a lower-case module name: " + name);
        }
    }

    /** A service with its own PostgreSQL database {@code connectnow_<name without -service>}. */
    public static ServiceDefinition withDatabase(String name, int defaultPort) {
        return new ServiceDefinition(name, defaultPort, true);
    }

    public static ServiceDefinition withoutDatabase(String name, int defaultPort) {
        return new ServiceDefinition(name, defaultPort, false);
    }

    /** {@code auth-service} → {@code connectnow_auth}; the naming rule of the architecture brief §1. */
    public Optional<String> databaseName() {
        if (!ownsDatabase) {
            return Optional.empty();
        }
        String context = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        return Optional.of("connectnow_" + context.replace('-', '_'));
    }
}
