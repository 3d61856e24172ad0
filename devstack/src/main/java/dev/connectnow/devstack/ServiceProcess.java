package dev.connectnow.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One running instance of a Spring Boot application of the platform, as its own JVM from its repackaged
 * jar. Usually one per service; tests start more ({@link LocalPlatform#startInstance}) and kill them to
 * see how the rest of the platform copes.
 */
public final class ServiceProcess {

    /** Small heap, serial GC and C1 only: seven JVMs share a developer laptop (or two CI cores). */
    static final List<String> JVM_OPTIONS = Jvm.startUpOptions("256m");

    private final ServiceDefinition service;
    private final String instanceName;
    private final int port;
    private final int managementPort;
    private final String eurekaInstanceId;
    private final ChildProcess process;
    private final long startedAt = System.nanoTime();

    private ServiceProcess(
            ServiceDefinition service,
            String instanceName,
            int port,
            int managementPort,
            String eurekaInstanceId,
            ChildProcess process) {
        this.service = service;
        this.instanceName = instanceName;
        this.port = port;
        this.managementPort = managementPort;
        this.eurekaInstanceId = eurekaInstanceId;
        this.process = process;
    }

    static ServiceProcess start(ServiceDefinition service, DevStackConfig config, Console console) {
        return start(
                service, service.name(), config.portOf(service), config.managementPortOf(service), config, console);
    }

    /**
     * @param instanceName the service name for its first instance, {@code <service>-<n>} for more: names the
     *                     log file ({@code logs/<instanceName>.log}) and the pid file
     * @param managementPort where its actuator listens (metrics, health details), never the public port
     */
    static ServiceProcess start(
            ServiceDefinition service,
            String instanceName,
            int port,
            int managementPort,
            DevStackConfig config,
            Console console) {
        Path jar = config.jarOf(service);
        Map<String, String> env = ServiceEnvironment.of(service, port, managementPort, config, System.getenv());
        ChildProcess process = ChildProcess.start(
                instanceName,
                command(instanceName, jar),
                env,
                config.repoRoot(),
                config.logDir().resolve(instanceName + ".log"),
                false,
                config.runDir(),
                console,
                line -> config.echoChildLogs());
        // the chassis' eureka.instance.instance-id: <application>:<ip-address>:<port>
        String instanceId = service.name() + ":" + env.get("EUREKA_INSTANCE_IPADDRESS") + ":" + port;
        return new ServiceProcess(service, instanceName, port, managementPort, instanceId, process);
    }

    static List<String> command(String instanceName, Path jar) {
        List<String> command = new ArrayList<>();
        command.add(Jvm.javaExecutable());
        command.addAll(Jvm.options(JVM_OPTIONS));
        command.add(Jvm.marker(instanceName));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return command;
    }

    void awaitHealthy(HealthCheck healthCheck, Duration timeout) {
        healthCheck.awaitHealthy(instanceName, port, process, timeout);
    }

    public ServiceDefinition service() {
        return service;
    }

    /** {@code realtime-service} for the first instance, {@code realtime-service-2} for the next. */
    public String instanceName() {
        return instanceName;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The actuator: {@code /actuator/prometheus}, {@code /actuator/health}; not reachable through the gateway. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** The id it registers with in Eureka. */
    public String eurekaInstanceId() {
        return eurekaInstanceId;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** {@code kill -9}: the instance dies without shutting down, as in a crash or an OOM kill. */
    public void kill() {
        process.kill();
    }

    /** Graceful stop (SIGTERM): Spring finishes in-flight requests and deregisters from Eureka. */
    public void stop() {
        // Spring's graceful shutdown finishes in-flight requests; 20 s covers the default phase timeout
        process.stop(Duration.ofSeconds(20));
    }
}
