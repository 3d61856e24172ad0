package dev.connectnow.devstack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables an application gets: where its port, database, Kafka and Eureka are,
 * plus settings that make a one-machine run converge fast. Plain Spring relaxed binding, so the
 * services need no devstack profile; the only variable a service must reference explicitly is
 * {@code EUREKA_URL} (map keys such as {@code defaultZone} do not bind from the environment).
 */
public final class ServiceEnvironment {

    /**
     * Local-run defaults, which a variable of the same name in devstack's own environment
     * replaces. Eureka's read-only response cache alone delays a new registration by up to 30 s
     * and the LoadBalancer cache by 35 s more; on one machine neither buys anything.
     */
    static final Map<String, String> LOCAL_RUN_DEFAULTS = ordered(
            // the brief's pitfall: Eureka would otherwise advertise a non-loopback address
            "EUREKA_INSTANCE_PREFERIPADDRESS", "true",
            "EUREKA_INSTANCE_IPADDRESS", "127.0.0.1",
            "EUREKA_INSTANCE_HOSTNAME", "localhost",
            "EUREKA_CLIENT_REGISTRYFETCHINTERVALSECONDS", "2",
            "EUREKA_CLIENT_INSTANCEINFOREPLICATIONINTERVALSECONDS", "5",
            "EUREKA_SERVER_USEREADONLYRESPONSECACHE", "false",
            "EUREKA_SERVER_RESPONSECACHEUPDATEINTERVALMS", "1000",
            "EUREKA_SERVER_WAITTIMEINMSWHENSYNCEMPTY", "0",
            "SPRING_CLOUD_LOADBALANCER_CACHE_TTL", "2s",
            // a stopping service answers this long after leaving the registry: the fetch and cache above, not
            // production's 10 s (docs/chassis.md, "Stopping")
            "CONNECTNOW_DISCOVERY_DEPARTUREGRACE", "4s",
            "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true",
            // the services log ECS JSON (for machines); an empty format switches back to a pattern a person reads
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "",
            // date, pid and thread of the default pattern repeat what the console prefix and file already say
            "LOGGING_PATTERN_CONSOLE", "%d{HH:mm:ss.SSS} %5p %-40.40logger{39} : %m%n");

    private ServiceEnvironment() {}

    /**
     * @param inherited devstack's own environment, which the child inherits anyway: it may replace
     *                  the local-run defaults, not the addresses devstack decided
     */
    public static Map<String, String> of(
            ServiceDefinition service, DevStackConfig config, Map<String, String> inherited) {
        return of(service, config.portOf(service), config.managementPortOf(service), config, inherited);
    }

    /** As above for an instance on other ports than the service's configured ones (a second instance). */
    public static Map<String, String> of(
            ServiceDefinition service,
            int port,
            int managementPort,
            DevStackConfig config,
            Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>();
        LOCAL_RUN_DEFAULTS.forEach((name, value) -> env.put(name, inherited.getOrDefault(name, value)));
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        env.put("EUREKA_URL", config.discoveryUrl() + "/eureka");
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", config.kafkaBootstrapServers());
        service.databaseName().ifPresent(database -> {
            env.put("SPRING_DATASOURCE_URL", config.database().jdbcUrl(database));
            env.put("SPRING_DATASOURCE_USERNAME", config.database().user());
            env.put("SPRING_DATASOURCE_PASSWORD", config.database().password());
        });
        if (service.name().equals("auth-service")) {
            // created by LocalPlatform before the applications start
            env.put(
                    "CONNECTNOW_AUTH_SIGNING_KEY_PRIVATE_KEY",
                    "file:" + SigningKeyPair.privateKeyFile(config.keyDir()).toAbsolutePath());
            env.put(
                    "CONNECTNOW_AUTH_SIGNING_KEY_PUBLIC_KEY",
                    "file:" + SigningKeyPair.publicKeyFile(config.keyDir()).toAbsolutePath());
        }
        if (service.name().equals("message-service")) {
            // uploaded files live with the rest of the local platform's data
            env.put(
                    "ATTACHMENT_STORAGE_DIRECTORY",
                    config.workDir().resolve("attachments").toAbsolutePath().toString());
        }
        // services find each other through Eureka; these are for what cannot (e.g. a JWKS URL at startup)
        for (ServiceDefinition app : config.applications()) {
            env.put(urlVariable(app), "http://localhost:" + config.portOf(app));
        }
        env.putAll(config.extraEnv());
        return Collections.unmodifiableMap(env);
    }

    /** {@code auth-service} → {@code CONNECTNOW_AUTH_SERVICE_URL}. */
    public static String urlVariable(ServiceDefinition service) {
        return "CONNECTNOW_" + service.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL";
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
