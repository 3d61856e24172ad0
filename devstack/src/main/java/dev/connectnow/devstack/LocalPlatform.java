package dev.connectnow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole platform on one machine: Kafka and PostgreSQL, then discovery, the business services
 * in parallel, then the gateway. Stops in the opposite order. Used by {@link DevStack} and by the
 * tests, which differ only in their {@link DevStackConfig}.
 */
public final class LocalPlatform implements AutoCloseable {

    private final DevStackConfig config;
    private final Console console;
    private final HealthCheck healthCheck = new HealthCheck();
    /** Guards against launching a child after (or while) a shutdown hook stopped the others. */
    private final Object lifecycle = new Object();

    private boolean closed;

    // all assigned under the lifecycle lock, so close() sees every process that was started
    private KafkaBroker kafka;
    private Postgres postgres;
    private final List<ServiceProcess> applications = new ArrayList<>();

    public LocalPlatform(DevStackConfig config, Console console) {
        this.config = config;
        this.console = console;
        List<String> names = new ArrayList<>(List.of(KafkaBroker.NAME, Postgres.NAME));
        config.applications().forEach(app -> names.add(app.name()));
        console.alignTo(names);
    }

    public void start() {
        // fail before anything runs, not after Kafka and PostgreSQL took their seconds
        requireJar(Services.DISCOVERY);
        requireJar(Services.GATEWAY);
        startInfrastructure();
        startApplications();
    }

    /** Kafka and PostgreSQL start concurrently: the broker is launched first and awaited last. */
    public void startInfrastructure() {
        prepareWorkDir();
        stopLeftovers();
        if (config.embeddedKafka()) {
            requireFree(config.kafkaPort(), "Kafka");
            requireFree(config.kafkaControllerPort(), "the Kafka controller");
            console.info(String.format(
                    "starting Kafka on %s (data in %s)", config.kafkaBootstrapServers(), config.kafkaDataDir()));
            KafkaBroker broker = new KafkaBroker(
                    config.kafkaDataDir(),
                    config.runDir(),
                    config.logDir(),
                    config.kafkaPort(),
                    config.kafkaControllerPort(),
                    console);
            synchronized (lifecycle) {
                requireOpen();
                kafka = broker;
                broker.startProcess(config.echoChildLogs());
            }
        } else {
            console.info("using external Kafka at " + config.kafkaBootstrapServers());
        }
        long pgStart = System.nanoTime();
        if (config.database().embedded()) {
            requireFree(config.database().port(), "PostgreSQL");
            console.info(String.format(
                    "starting PostgreSQL on localhost:%d (data in %s)",
                    config.database().port(), config.postgresDataDir()));
        }
        synchronized (lifecycle) {
            requireOpen();
            postgres = Postgres.start(config.database(), config.postgresDataDir(), config.logDir(), console);
        }
        List<String> databases = Services.databasesOf(config.services());
        List<String> created = postgres.createDatabasesIfMissing(databases);
        console.success(String.format(
                "PostgreSQL ready (%s); databases %s%s",
                seconds(pgStart),
                String.join(", ", databases),
                created.isEmpty() ? "" : ", created now: " + String.join(", ", created)));
        if (kafka != null) {
            long kafkaWait = System.nanoTime();
            kafka.awaitReady(Duration.ofSeconds(120));
            console.success(
                    "Kafka ready on " + config.kafkaBootstrapServers() + " (waited " + seconds(kafkaWait) + ")");
        }
    }

    public void startApplications() {
        requireJar(Services.DISCOVERY);
        requireJar(Services.GATEWAY);
        List<ServiceDefinition> runnable = new ArrayList<>();
        for (ServiceDefinition service : config.services()) {
            if (Files.isRegularFile(config.jarOf(service))) {
                runnable.add(service);
            } else {
                console.warn("skipping " + service.name() + ": " + config.jarOf(service)
                        + " does not exist (build it with: mvn -DskipTests package)");
            }
        }
        for (ServiceDefinition app : config.applications()) {
            if (app.equals(Services.DISCOVERY) || app.equals(Services.GATEWAY) || runnable.contains(app)) {
                requireFree(config.portOf(app), app.name());
            }
        }

        SigningKeyPair.ensureIn(config.keyDir());
        awaitHealthy(List.of(launch(Services.DISCOVERY)));

        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceDefinition service : runnable) {
            started.add(launch(service));
            for (int replica = 2; replica <= config.replicasOf(service); replica++) {
                started.add(launchOnFreePort(service));
            }
        }
        awaitHealthy(started);
        for (ServiceProcess instance : started) {
            if (!healthCheck.awaitRegistered(
                    config.discoveryUrl(),
                    instance.service().name(),
                    instance.eurekaInstanceId(),
                    Duration.ofSeconds(60))) {
                console.warn(instance.instanceName() + " is healthy but not registered in Eureka: the gateway "
                        + "cannot route to it (check its eureka.client settings and EUREKA_URL)");
            }
        }

        awaitHealthy(List.of(launch(Services.GATEWAY)));
    }

    /**
     * Starts one more instance of a business service on a free port (logs in {@code <service>-<n>.log})
     * and returns once it is healthy and registered in Eureka, so the gateway and other services can find
     * it after their next registry fetch.
     */
    public ServiceProcess startInstance(ServiceDefinition service) {
        if (!config.services().contains(service)) {
            throw new IllegalArgumentException(service.name() + " is not one of this platform's services");
        }
        ServiceProcess instance = launchOnFreePort(service);
        awaitHealthy(List.of(instance));
        if (!healthCheck.awaitRegistered(
                config.discoveryUrl(), service.name(), instance.eurekaInstanceId(), Duration.ofSeconds(60))) {
            throw new StartupException(
                    instance.instanceName() + " is healthy but did not register in Eureka", instance.logFile());
        }
        return instance;
    }

    /** Every instance of the service this platform started, running or not, in start order. */
    public List<ServiceProcess> instancesOf(ServiceDefinition service) {
        synchronized (lifecycle) {
            return applications.stream()
                    .filter(p -> p.service().equals(service))
                    .toList();
        }
    }

    public DevStackConfig config() {
        return config;
    }

    public String gatewayUrl() {
        return config.gatewayUrl();
    }

    public String kafkaBootstrapServers() {
        return config.kafkaBootstrapServers();
    }

    public Postgres postgres() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL has not been started");
        }
        return postgres;
    }

    /** Whether {@link #close()} has begun: a failure seen after that is the shutdown, not a fault. */
    public boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
    }

    /** Gateway first, so no request reaches a service that is already going; Kafka and PostgreSQL last. */
    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(applications);
        }
        long start = System.nanoTime();
        boolean anything = !running.isEmpty() || kafka != null || postgres != null;
        if (anything) {
            console.info("stopping the stack...");
        }
        List<ServiceDefinition> edges = List.of(Services.GATEWAY, Services.DISCOVERY);
        stopInParallel(running.stream()
                .filter(p -> p.service().equals(Services.GATEWAY))
                .toList());
        stopInParallel(
                running.stream().filter(p -> !edges.contains(p.service())).toList());
        stopInParallel(running.stream()
                .filter(p -> p.service().equals(Services.DISCOVERY))
                .toList());
        stopQuietly("Kafka", () -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        stopQuietly("PostgreSQL", () -> {
            if (postgres != null) {
                postgres.close();
            }
        });
        if (anything) {
            console.info("stopped (" + seconds(start) + ")");
        }
    }

    private ServiceProcess launch(ServiceDefinition app) {
        console.info(String.format("starting %s on port %d", app.name(), config.portOf(app)));
        synchronized (lifecycle) {
            requireOpen();
            ServiceProcess process = ServiceProcess.start(app, config, console);
            applications.add(process);
            return process;
        }
    }

    /** One more instance, named {@code <service>-<n>} after the instances started before it. */
    private ServiceProcess launchOnFreePort(ServiceDefinition service) {
        int port = DevStackConfig.freePorts(1)[0];
        synchronized (lifecycle) {
            requireOpen();
            long running = applications.stream()
                    .filter(p -> p.service().equals(service))
                    .count();
            String name = service.name() + "-" + (running + 1);
            console.info(String.format("starting %s on port %d", name, port));
            ServiceProcess instance = ServiceProcess.start(service, name, port, config, console);
            applications.add(instance);
            return instance;
        }
    }

    /** Called under the lifecycle lock before each launch: a shutdown hook may already have run close(). */
    private void requireOpen() {
        if (closed) {
            throw new StartupException("the stack is shutting down");
        }
    }

    private void awaitHealthy(List<ServiceProcess> processes) {
        if (processes.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(processes.size());
        try {
            Map<ServiceProcess, CompletableFuture<Void>> waits = new LinkedHashMap<>();
            for (ServiceProcess process : processes) {
                waits.put(
                        process,
                        CompletableFuture.runAsync(
                                () -> {
                                    process.awaitHealthy(healthCheck, config.startupTimeout());
                                    console.success(String.format(
                                            "%s ready on %s (%s)",
                                            process.instanceName(), process.url(), format(process.sinceStart())));
                                },
                                pool));
            }
            List<String> failures = new ArrayList<>();
            waits.forEach((process, wait) -> {
                try {
                    wait.join();
                } catch (CompletionException e) {
                    failures.add(e.getCause().getMessage());
                }
            });
            if (!failures.isEmpty()) {
                throw new StartupException(String.join(System.lineSeparator(), failures));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void stopInParallel(List<ServiceProcess> running) {
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess process : running) {
            Thread stopper = new Thread(
                    () -> stopQuietly(process.service().name(), process::stop),
                    "stop-" + process.service().name());
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stopQuietly(String what, Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            // keep stopping the rest: one failure must not leave the other processes running
            console.warn("stopping " + what + " failed: " + e.getMessage());
        }
    }

    private void prepareWorkDir() {
        try {
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.workDir(), e);
        }
    }

    /** A devstack killed with SIGKILL left its children running; they would hold this run's ports. */
    private void stopLeftovers() {
        try {
            List<String> names = new ArrayList<>(List.of(KafkaBroker.NAME));
            config.applications().forEach(app -> names.add(app.name()));
            for (String name : names) {
                ChildProcess.killLeftover(name, config.runDir(), console);
            }
            if (config.database().embedded()) {
                Postgres.stopLeftoverPostmaster(config.postgresDataDir(), console);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check for processes left over in " + config.runDir(), e);
        }
    }

    private void requireJar(ServiceDefinition app) {
        if (!Files.isRegularFile(config.jarOf(app))) {
            throw new StartupException(app.name() + " is required but " + config.jarOf(app)
                    + " does not exist; build the platform first: mvn -DskipTests package");
        }
    }

    private static void requireFree(int port, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 300);
        } catch (IOException free) {
            return;
        }
        throw new StartupException(String.format(
                Locale.ROOT, "port %d for %s is already in use (is another devstack running?)", port, what));
    }

    private static String seconds(long startNanos) {
        return format(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String format(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
