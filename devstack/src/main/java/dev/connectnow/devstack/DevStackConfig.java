package dev.connectnow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Everything that differs between {@code java -jar devstack.jar} and a test run of the same
 * launcher: directories, ports, which services, where PostgreSQL and Kafka are, extra environment
 * for the children.
 *
 * @param repoRoot             where {@code <module>/target/<module>.jar} are looked up
 * @param workDir              data, logs and generated configuration ({@code <repo>/.devstack} by default)
 * @param kafkaPort            client listener of the embedded broker
 * @param kafkaControllerPort  KRaft controller listener of the embedded broker
 * @param externalKafka        bootstrap servers of an external Kafka, or {@code null} to run the embedded broker
 * @param database             the PostgreSQL server the services use
 * @param services             business services started between discovery and the gateway
 * @param ports                port of every application by name (discovery and gateway included), and of its
 *                             management server (actuator) under {@code <name>/management}
 * @param extraEnv             added to (and overriding) the environment of every application
 * @param replicas             instances per business service where more than one runs (absent: one); the
 *                             first listens on the service's port, the others on free ports
 * @param startupTimeout       how long one application may take to become healthy
 * @param echoChildLogs        whether application log lines are printed to the console (they always go to files)
 */
public record DevStackConfig(
        Path repoRoot,
        Path workDir,
        int kafkaPort,
        int kafkaControllerPort,
        String externalKafka,
        DatabaseServer database,
        List<ServiceDefinition> services,
        Map<String, Integer> ports,
        Map<String, String> extraEnv,
        Map<String, Integer> replicas,
        Duration startupTimeout,
        boolean echoChildLogs) {

    public static final String WORK_DIR_NAME = ".devstack";

    /**
     * System property that replaces the JVM options of the applications and of the Kafka broker
     * (whitespace-separated). The default (small heap, serial GC, C1 only) starts fast; benchmarks measure
     * with production flags instead.
     */
    public static final String JVM_OPTIONS_PROPERTY = "connectnow.devstack.jvm-options";

    /** Key suffix of an application's management port in {@link #ports}. */
    static final String MANAGEMENT = "/management";

    /** The chassis' default: the actuator listens on the application's port + 1000 (docs/chassis.md). */
    static final int MANAGEMENT_PORT_OFFSET = 1000;

    public DevStackConfig {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(database, "database");
        services = List.copyOf(services);
        ports = Map.copyOf(ports);
        extraEnv = Map.copyOf(extraEnv);
        replicas = Map.copyOf(replicas);
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        // fields are assigned only after this block, so the parameters are checked, not applications()
        List<ServiceDefinition> apps = new ArrayList<>(services);
        apps.add(Services.DISCOVERY);
        apps.add(Services.GATEWAY);
        for (ServiceDefinition app : apps) {
            if (!ports.containsKey(app.name()) || !ports.containsKey(app.name() + MANAGEMENT)) {
                throw new IllegalArgumentException("no port or no management port for " + app.name());
            }
        }
        List<String> serviceNames = names(services);
        for (Map.Entry<String, Integer> replica : replicas.entrySet()) {
            if (!serviceNames.contains(replica.getKey())) {
                throw new IllegalArgumentException(
                        "replicas of " + replica.getKey() + ": not one of the business services " + serviceNames);
            }
            if (replica.getValue() < 1) {
                throw new IllegalArgumentException(
                        "replicas of " + replica.getKey() + " must be at least 1, not " + replica.getValue());
            }
        }
    }

    /**
     * The well-known local ports of the architecture brief (management servers on those + 1000, as the
     * chassis defaults them), embedded Kafka and PostgreSQL.
     */
    public static DevStackConfig defaults(Path repoRoot) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Stream.concat(Stream.of(Services.DISCOVERY, Services.GATEWAY), Services.BUSINESS.stream())
                .forEach(s -> {
                    ports.put(s.name(), s.defaultPort());
                    ports.put(s.name() + MANAGEMENT, s.defaultPort() + MANAGEMENT_PORT_OFFSET);
                });
        return new DevStackConfig(
                repoRoot,
                repoRoot.resolve(WORK_DIR_NAME),
                9092,
                9093,
                null,
                DatabaseServer.embedded(5432),
                Services.BUSINESS,
                ports,
                Map.of(),
                Map.of(),
                Duration.ofSeconds(180),
                true);
    }

    /**
     * Points the stack at an external PostgreSQL ({@code CONNECTNOW_DB_HOST}, {@code _PORT},
     * {@code _USER}, {@code _PASSWORD}) or Kafka ({@code CONNECTNOW_KAFKA_BOOTSTRAP_SERVERS}) when
     * those variables are set; the embedded ones are not started then.
     */
    public DevStackConfig withEnvironment(Map<String, String> env) {
        DatabaseServer db = database;
        String dbHost = blankToNull(env.get("CONNECTNOW_DB_HOST"));
        if (dbHost != null) {
            db = DatabaseServer.external(
                    dbHost,
                    Integer.parseInt(env.getOrDefault("CONNECTNOW_DB_PORT", "5432")),
                    env.getOrDefault("CONNECTNOW_DB_USER", "postgres"),
                    env.getOrDefault("CONNECTNOW_DB_PASSWORD", "postgres"));
        }
        String kafka = blankToNull(env.get("CONNECTNOW_KAFKA_BOOTSTRAP_SERVERS"));
        return withReplicaSettings(env).withExternal(db, kafka != null ? kafka : externalKafka);
    }

    private DevStackConfig withExternal(DatabaseServer db, String kafka) {
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                kafka,
                db,
                services,
                ports,
                extraEnv,
                replicas,
                startupTimeout,
                echoChildLogs);
    }

    /** The setting that runs several instances of a service, as a system property (a variable: see below). */
    public static final String REPLICAS_PROPERTY_PREFIX = "connectnow.devstack.replicas.";

    /** {@code CONNECTNOW_DEVSTACK_REPLICAS_REALTIME_SERVICE=2}: the environment spelling of the same setting. */
    public static final String REPLICAS_VARIABLE_PREFIX = "CONNECTNOW_DEVSTACK_REPLICAS_";

    /**
     * Instances per service from settings named {@code connectnow.devstack.replicas.<service>} (system
     * properties) or {@code CONNECTNOW_DEVSTACK_REPLICAS_<SERVICE>} (environment, {@code -} as {@code _});
     * other entries are ignored. A service that is not in the catalogue, or a count that is not a positive
     * number, is an error: a typo must not silently run one instance.
     */
    public DevStackConfig withReplicaSettings(Map<String, String> settings) {
        DevStackConfig config = this;
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String service = replicaSettingService(setting.getKey());
            if (service == null) {
                continue;
            }
            int count;
            try {
                count = Integer.parseInt(setting.getValue().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        setting.getKey() + " must be a number of instances, not '" + setting.getValue() + "'");
            }
            config = config.withReplicas(service, count);
        }
        return config;
    }

    /** Runs {@code count} instances of the business service {@code name}. */
    public DevStackConfig withReplicas(String name, int count) {
        Map<String, Integer> newReplicas = new LinkedHashMap<>(replicas);
        newReplicas.put(name, count);
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                services,
                ports,
                extraEnv,
                newReplicas,
                startupTimeout,
                echoChildLogs);
    }

    /** How many instances of the service run (1 unless {@link #withReplicas} said otherwise). */
    public int replicasOf(ServiceDefinition service) {
        return replicas.getOrDefault(service.name(), 1);
    }

    private String replicaSettingService(String key) {
        if (key.startsWith(REPLICAS_PROPERTY_PREFIX)) {
            return key.substring(REPLICAS_PROPERTY_PREFIX.length());
        }
        if (key.startsWith(REPLICAS_VARIABLE_PREFIX)) {
            String variable = key.substring(REPLICAS_VARIABLE_PREFIX.length());
            // variable names cannot hold '-': match the catalogue's names in their variable spelling
            return services.stream()
                    .map(ServiceDefinition::name)
                    .filter(name ->
                            name.toUpperCase(Locale.ROOT).replace('-', '_').equals(variable))
                    .findFirst()
                    .orElse(variable.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return null;
    }

    private static List<String> names(List<ServiceDefinition> services) {
        return services.stream().map(ServiceDefinition::name).toList();
    }

    /**
     * Every port this stack listens on replaced by a currently free one, so a run can coexist
     * with a running devstack or another test.
     */
    public DevStackConfig withFreePorts() {
        List<String> names = new ArrayList<>(ports.keySet());
        int[] free = freePorts(names.size() + 3);
        Map<String, Integer> newPorts = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            newPorts.put(names.get(i), free[i]);
        }
        int next = names.size();
        DatabaseServer db = database.embedded() ? database.withPort(free[next]) : database;
        return new DevStackConfig(
                repoRoot,
                workDir,
                free[next + 1],
                free[next + 2],
                externalKafka,
                db,
                services,
                newPorts,
                extraEnv,
                replicas,
                startupTimeout,
                echoChildLogs);
    }

    public DevStackConfig withWorkDir(Path newWorkDir) {
        return new DevStackConfig(
                repoRoot,
                newWorkDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                services,
                ports,
                extraEnv,
                replicas,
                startupTimeout,
                echoChildLogs);
    }

    /** Only these business services (they must have ports, i.e. come from the catalog or {@link #withPort}). */
    public DevStackConfig withServices(List<ServiceDefinition> newServices) {
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                newServices,
                ports,
                extraEnv,
                replicas,
                startupTimeout,
                echoChildLogs);
    }

    /** The application on this port, its management server on this port + 1000. */
    public DevStackConfig withPort(String application, int port) {
        Map<String, Integer> newPorts = new LinkedHashMap<>(ports);
        newPorts.put(application, port);
        newPorts.put(application + MANAGEMENT, port + MANAGEMENT_PORT_OFFSET);
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                services,
                newPorts,
                extraEnv,
                replicas,
                startupTimeout,
                echoChildLogs);
    }

    public DevStackConfig withExtraEnv(Map<String, String> env) {
        Map<String, String> merged = new LinkedHashMap<>(extraEnv);
        merged.putAll(env);
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                services,
                ports,
                merged,
                replicas,
                startupTimeout,
                echoChildLogs);
    }

    public DevStackConfig withStartupTimeout(Duration timeout) {
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                services,
                ports,
                extraEnv,
                replicas,
                timeout,
                echoChildLogs);
    }

    public DevStackConfig withEchoChildLogs(boolean echo) {
        return new DevStackConfig(
                repoRoot,
                workDir,
                kafkaPort,
                kafkaControllerPort,
                externalKafka,
                database,
                services,
                ports,
                extraEnv,
                replicas,
                startupTimeout,
                echo);
    }

    /** Discovery, the business services and the gateway, in start order. */
    public List<ServiceDefinition> applications() {
        List<ServiceDefinition> all = new ArrayList<>();
        all.add(Services.DISCOVERY);
        all.addAll(services);
        all.add(Services.GATEWAY);
        return all;
    }

    public int portOf(ServiceDefinition service) {
        Integer port = ports.get(service.name());
        if (port == null) {
            throw new IllegalArgumentException("no port configured for " + service.name());
        }
        return port;
    }

    /** Where the application's actuator listens (metrics, health details); never routed by the gateway. */
    public int managementPortOf(ServiceDefinition service) {
        Integer port = ports.get(service.name() + MANAGEMENT);
        if (port == null) {
            throw new IllegalArgumentException("no management port configured for " + service.name());
        }
        return port;
    }

    public boolean embeddedKafka() {
        return externalKafka == null;
    }

    public String kafkaBootstrapServers() {
        return embeddedKafka() ? "localhost:" + kafkaPort : externalKafka;
    }

    public String discoveryUrl() {
        return "http://localhost:" + portOf(Services.DISCOVERY);
    }

    public String gatewayUrl() {
        return "http://localhost:" + portOf(Services.GATEWAY);
    }

    public Path keyDir() {
        return workDir.resolve("keys");
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }

    public Path kafkaDataDir() {
        return workDir.resolve("kafka");
    }

    public Path postgresDataDir() {
        return workDir.resolve("pgdata");
    }

    /** Generated configuration and pid files: rewritten on every run, unlike the data directories. */
    public Path runDir() {
        return workDir.resolve("run");
    }

    public Path jarOf(ServiceDefinition service) {
        return repoRoot.resolve(service.name()).resolve("target").resolve(service.name() + ".jar");
    }

    /** Holds all sockets open until every port is picked, so no port is handed out twice. */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the port is released either way when the JVM exits
                }
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
