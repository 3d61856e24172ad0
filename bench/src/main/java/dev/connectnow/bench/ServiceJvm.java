package dev.connectnow.bench;

import dev.connectnow.devstack.DevStackConfig;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its jar as its own JVM with production flags (C2 and G1, not the devstack's
 * start-up flags), on free ports — its API on one, the actuator on the management port as in production —
 * with its output in a temporary log file. The benchmarks that measure a single service share it.
 */
final class ServiceJvm implements AutoCloseable {

    /** The image's flags (Dockerfile), with its heap as a size: 512 MiB, half of a Deployment's memory. */
    private static final List<String> PRODUCTION_JVM_FLAGS = List.of(
            "-Xms512m",
            "-Xmx512m",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "--enable-native-access=ALL-UNNAMED");

    /**
     * The image's flags that Java 17, on which the benchmarks may also run, refuses to start with: object headers of
     * 8 bytes instead of 12 (a product flag since Java 25; docs/benchmarks.md, stop 42: the heap an idle socket holds)
     * and {@code sun.misc.Unsafe} memory access allowed without a warning (since Java 23; Eureka's XStream uses it).
     */
    private static final List<String> PRODUCTION_JAVA_ONLY_FLAGS =
            List.of("-XX:+UseCompactObjectHeaders", "--sun-misc-unsafe-memory-access=allow");

    /**
     * The Java release the image runs (Dockerfile). Every JVM a benchmark starts runs on the benchmark's own Java,
     * so figures are production's only when the benchmark runs on this release (docs/benchmarks.md, stop 41: the
     * same platform on 17 needed up to 30 % more time and CPU per request).
     */
    static final int PRODUCTION_JAVA = 25;

    /**
     * {@link #PRODUCTION_JVM_FLAGS} plus {@code -Dbench.service-jvm-options}, e.g.
     * {@code "-XX:StartFlightRecording=filename=/tmp/message.jfr"} to profile a service or
     * {@code "-Xlog:gc,safepoint:file=/tmp/gc-%p.log:time,uptime"} to see every JVM's pauses by wall clock.
     */
    static List<String> productionJvmOptions() {
        return productionJvmOptions(Runtime.version().feature());
    }

    /** The flags of {@link #productionJvmOptions()} on the given Java release. */
    static List<String> productionJvmOptions(int javaFeature) {
        String extraOptions =
                System.getProperty("bench.service-jvm-options", "").strip();
        List<String> options = new ArrayList<>(PRODUCTION_JVM_FLAGS);
        if (javaFeature >= PRODUCTION_JAVA) {
            options.addAll(PRODUCTION_JAVA_ONLY_FLAGS);
        }
        if (!extraOptions.isEmpty()) {
            options.addAll(List.of(extraOptions.split("\\s+")));
        }
        return options;
    }

    /**
     * Has the devstack start every platform JVM it launches (the services and the Kafka broker) with
     * {@link #productionJvmOptions()}: its own C1-only, serial-GC flags are for start-up, not for measuring.
     */
    static void startDevStackJvmsWithProductionFlags() {
        System.setProperty(DevStackConfig.JVM_OPTIONS_PROPERTY, String.join(" ", productionJvmOptions()));
    }

    /** The Java and the flags every JVM of a benchmark runs, and whether that Java is production's. */
    static String describeJvms() {
        Runtime.Version version = Runtime.version();
        String java = "Java " + version;
        if (version.feature() != PRODUCTION_JAVA) {
            java += " (production runs Java " + PRODUCTION_JAVA
                    + ": start the benchmark with it to measure production)";
        }
        return java + ", " + String.join(" ", productionJvmOptions());
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final int managementPort;

    private ServiceJvm(String name, Process process, int port, int managementPort) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts {@code <name>/target/<name>.jar} of the repository with these environment variables. */
    static ServiceJvm start(String name, Path repoRoot, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path jar = repoRoot.resolve(name + "/target/" + name + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -q -DskipTests package first");
        }
        int port = freePort();
        int managementPort = freePort();
        Map<String, String> withPorts = new HashMap<>(environment);
        withPorts.put("SERVER_PORT", Integer.toString(port));
        withPorts.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
        Process process = launch(name, List.of("-jar", jar.toString()), withPorts);
        ServiceJvm service = new ServiceJvm(name, process, port, managementPort);
        awaitReady(process, name, Duration.ofSeconds(600), service::ready);
        return service;
    }

    /**
     * Starts {@code java} — the benchmark's own — with the production flags and these arguments, its output in a
     * temporary log file whose path it prints.
     */
    static Process launch(String name, List<String> arguments, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(productionJvmOptions());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        File log = Files.createTempFile(name + "-bench-", ".log").toFile();
        builder.redirectOutput(log);
        System.out.println(name + " log: " + log);
        return builder.start();
    }

    /** What a started JVM is asked until it is ready. */
    @FunctionalInterface
    interface Readiness {
        boolean ready() throws InterruptedException;
    }

    /** Waits until {@code readiness} says so; fails if the process exits or the time runs out first. */
    static void awaitReady(Process process, String name, Duration timeout, Readiness readiness)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            if (readiness.ready()) {
                return;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not become ready in " + timeout.toSeconds() + " s");
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** CPU time the service's JVM has used so far. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** The service's Prometheus page (on the management port). */
    String prometheus() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private boolean ready() throws InterruptedException {
        try {
            HttpRequest readiness =
                    HttpRequest.newBuilder(URI.create(url() + "/readyz")).build();
            return HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
