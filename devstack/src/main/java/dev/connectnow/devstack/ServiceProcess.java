package dev.connectnow.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One Spring Boot application of the platform running as its own JVM from its repackaged jar. */
final class ServiceProcess {

    /** Small heap, serial GC and C1 only: seven JVMs share a developer laptop (or two CI cores). */
    static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ServiceDefinition service;
    private final int port;
    private final ChildProcess process;
    private final long startedAt = System.nanoTime();

    private ServiceProcess(ServiceDefinition service, int port, ChildProcess process) {
        this.service = service;
        this.port = port;
        this.process = process;
    }

    static ServiceProcess start(ServiceDefinition service, DevStackConfig config, Console console) {
        Path jar = config.jarOf(service);
        ChildProcess process = ChildProcess.start(
                service.name(),
                command(service, jar),
                ServiceEnvironment.of(service, config, System.getenv()),
                config.repoRoot(),
                config.logDir().resolve(service.name() + ".log"),
                false,
                config.runDir(),
                console,
                line -> config.echoChildLogs());
        return new ServiceProcess(service, config.portOf(service), process);
    }

    static List<String> command(ServiceDefinition service, Path jar) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Jvm.javaExecutable());
        command.addAll(jvmOptions());
        command.add(Jvm.marker(service.name()));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        return command;
    }

    /** {@link #JVM_OPTIONS}, or what {@link DevStackConfig#JVM_OPTIONS_PROPERTY} says instead. */
    static List<String> jvmOptions() {
        String override =
                System.getProperty(DevStackConfig.JVM_OPTIONS_PROPERTY, "").trim();
        return override.isEmpty() ? JVM_OPTIONS : List.of(override.split("\\s+"));
    }

    void awaitHealthy(HealthCheck healthCheck, Duration timeout) {
        healthCheck.awaitHealthy(service.name(), port, process, timeout);
    }

    ServiceDefinition service() {
        return service;
    }

    String url() {
        return "http://localhost:" + port;
    }

    Duration sinceStart() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    void stop() {
        // Spring's graceful shutdown finishes in-flight requests; 20 s covers the default phase timeout
        process.stop(Duration.ofSeconds(20));
    }
}
