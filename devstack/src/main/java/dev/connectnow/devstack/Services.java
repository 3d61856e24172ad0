package dev.connectnow.devstack;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of applications devstack runs. Discovery starts first and the gateway last; the
 * business services in between start in parallel.
 */
public final class Services {

    public static final ServiceDefinition DISCOVERY = ServiceDefinition.withoutDatabase("discovery", 8761);

    public static final ServiceDefinition GATEWAY = ServiceDefinition.withoutDatabase("gateway", 8080);

    /**
     * Adding a service to the local platform is adding one line here: its database (if any) is
     * created, it gets its port and environment, and it is started, health-checked and stopped
     * with the others. A listed service whose jar has not been built is skipped with a warning.
     */
    public static final List<ServiceDefinition> BUSINESS = List.of(
            ServiceDefinition.withDatabase("auth-service", 8081),
            ServiceDefinition.withDatabase("workspace-service", 8082),
            ServiceDefinition.withDatabase("channel-service", 8083),
            ServiceDefinition.withDatabase("message-service", 8084),
            ServiceDefinition.withDatabase("dm-service", 8085),
            ServiceDefinition.withDatabase("presence-service", 8086),
            ServiceDefinition.withoutDatabase("realtime-service", 8087));

    private Services() {}

    public static List<String> databasesOf(Collection<ServiceDefinition> services) {
        return services.stream()
                .map(ServiceDefinition::databaseName)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }
}
