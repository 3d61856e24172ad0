package dev.connectnow.devstack.e2e;

import dev.connectnow.devstack.Console;
import dev.connectnow.devstack.DevStackConfig;
import dev.connectnow.devstack.LocalPlatform;
import dev.connectnow.devstack.RepoRoot;
import dev.connectnow.devstack.ServiceDefinition;
import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.devstack.Services;
import dev.connectnow.testkit.ApiClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The whole platform for end-to-end journeys, once per test JVM: Kafka, PostgreSQL, discovery, every
 * service of devstack's catalogue ({@link Services#BUSINESS}: a service added there is in every journey's
 * platform; realtime-service twice) and the gateway, each its own process on free ports, started by the devstack launcher.
 *
 * <p>Started lazily by the first {@link EndToEndTest} class, stopped when the test run ends (JUnit closes it
 * with the root context; a shutdown hook covers an aborted run). A start that failed is reported to every
 * class without being retried. Logs of the last run stay in {@code devstack/target/e2e-devstack/logs}.
 *
 * <p>Journeys use their own users and workspaces, so they need no order among them. A journey that crashes
 * an instance ({@link ServiceProcess#kill()}) starts a replacement ({@link #startInstance}) before it ends,
 * so later journeys find every service up.
 */
public final class E2ePlatform {

    /** The password of users made by {@link #registerUser}. */
    public static final String PASSWORD = "correct-horse-battery-staple";

    private static final Object LOCK = new Object();
    private static E2ePlatform shared;
    private static RuntimeException startFailure;

    private final LocalPlatform platform;
    private final ApiClient gateway;
    private final E2eIdentityProvider identityProvider;

    private E2ePlatform(LocalPlatform platform, E2eIdentityProvider identityProvider) {
        this.platform = platform;
        this.gateway = ApiClient.at(platform.gatewayUrl());
        this.identityProvider = identityProvider;
    }

    /** The JVM's platform, started on first use. */
    public static E2ePlatform get() {
        synchronized (LOCK) {
            if (startFailure != null) {
                throw new IllegalStateException(
                        "the end-to-end platform did not start (see the first failure)", startFailure);
            }
            if (shared == null) {
                try {
                    shared = start();
                } catch (RuntimeException e) {
                    startFailure = e;
                    throw e;
                }
            }
            return shared;
        }
    }

    /** A client of the gateway, the platform's only public entry point. */
    public ApiClient gateway() {
        return gateway;
    }

    /** The OpenID Connect provider auth-service trusts for single sign-on (docs/sso.md). */
    public E2eIdentityProvider identityProvider() {
        return identityProvider;
    }

    /**
     * Registers a new user (unique username, e-mail at example.com) through the gateway and returns their
     * access token: the start of most journeys.
     */
    public String registerUser(String displayName) {
        String username = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ApiClient.Response registered = gateway.post(
                "/api/auth/register",
                Map.of(
                        "email", username + "@example.com",
                        "username", username,
                        "password", PASSWORD,
                        "displayName", displayName));
        if (registered.status() != 201) {
            throw new AssertionError(
                    "registering " + displayName + " failed: " + registered + " (logs in " + logDir() + ")");
        }
        return registered.text("/accessToken");
    }

    public String gatewayUrl() {
        return platform.gatewayUrl();
    }

    public String kafkaBootstrapServers() {
        return platform.kafkaBootstrapServers();
    }

    /** Where every instance writes {@code <instance>.log}; quote it in assertion messages. */
    public Path logDir() {
        return platform.config().logDir();
    }

    /** The launcher itself, for what the methods here do not cover. */
    public LocalPlatform platform() {
        return platform;
    }

    /** Running instances of a service, in start order. */
    public List<ServiceProcess> instances(String serviceName) {
        return platform.instancesOf(service(serviceName)).stream()
                .filter(ServiceProcess::isAlive)
                .toList();
    }

    /** Starts one more instance of a service; returns once it is healthy and registered in Eureka. */
    public ServiceProcess startInstance(String serviceName) {
        return platform.startInstance(service(serviceName));
    }

    static ServiceDefinition service(String name) {
        return Services.BUSINESS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in Services.BUSINESS"));
    }

    private static E2ePlatform start() {
        Path repoRoot = RepoRoot.locate();
        E2eIdentityProvider identityProvider = new E2eIdentityProvider();
        Runtime.getRuntime().addShutdownHook(new Thread(identityProvider::stop, "e2e-identity-provider-shutdown"));
        DevStackConfig config = DevStackConfig.defaults(repoRoot)
                .withWorkDir(freshDirectory(repoRoot.resolve("devstack/target/e2e-devstack")))
                .withFreePorts()
                .withEchoChildLogs(false)
                // an upper bound, not a wait: every service starts in parallel on two cores, more as services are added
                .withStartupTimeout(Duration.ofSeconds(300))
                // two cores for every JVM: smaller pools start faster and hold fewer PostgreSQL backends
                .withExtraEnv(Map.of("DB_POOL_SIZE", "4"))
                // every journey registers its users from the loopback address: the production limit (30 per address
                // and hour) is for the internet, not for one test run
                .withExtraEnv(Map.of("CONNECTNOW_AUTH_THROTTLE_REGISTRATIONS_PER_IP", "1000"))
                // single sign-on: auth-service trusts the in-JVM provider, configured as an operator would
                .withExtraEnv(identityProvider.environment())
                // presence: realtime heartbeats every 2 s, so presence's lease is max(6 s, 3 x 2 s) and a journey
                // that kills a realtime instance stays short
                .withExtraEnv(Map.of(
                        "CONNECTNOW_REALTIME_INSTANCE_HEARTBEAT_INTERVAL", "2s", "PRESENCE_INSTANCE_LEASE", "6s"))
                // scale-out is part of what the journeys prove: a RESUME must find its session's instance
                .withReplicas("realtime-service", 2);
        for (ServiceDefinition app : config.applications()) {
            if (!Files.isRegularFile(config.jarOf(app))) {
                throw new IllegalStateException(app.name() + " must be packaged before the end-to-end tests run "
                        + "(mvn verify packages the services before devstack; alone: mvn -pl " + app.name()
                        + " -am package -DskipTests)");
            }
        }
        ByteArrayOutputStream consoleOutput = new ByteArrayOutputStream();
        LocalPlatform platform = new LocalPlatform(
                config, new Console(new PrintStream(consoleOutput, true, StandardCharsets.UTF_8), false));
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "e2e-platform-shutdown"));
        try {
            platform.start();
            E2ePlatform started = new E2ePlatform(platform, identityProvider);
            started.awaitGatewayRoutesTo("/api/auth/register", Duration.ofSeconds(90));
            return started;
        } catch (RuntimeException e) {
            platform.close();
            throw new IllegalStateException(
                    "the platform did not start:\n" + e.getMessage() + "\n--- devstack output ---\n"
                            + consoleOutput.toString(StandardCharsets.UTF_8),
                    e);
        }
    }

    /**
     * The gateway resolves {@code lb://} routes from its Eureka registry copy and LoadBalancer cache; until
     * both have seen the service it answers 503. An invalid registration is routed but changes nothing, so
     * polling with it is safe to repeat.
     */
    private void awaitGatewayRoutesTo(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ApiClient.Response last;
        do {
            last = gateway.post(path, Map.of());
            if (last.status() < 500 && last.status() != 404) {
                return;
            }
            pause();
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("the gateway did not route " + path + " within " + timeout.toSeconds()
                + " s; last answer: " + last + "; logs in " + logDir());
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path freshDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives {@link EndToEndTest} classes the platform and stops it when the whole run is over. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == E2ePlatform.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            E2ePlatform platform = get();
            // the root store outlives every class; JUnit closes what it holds when the run ends
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.create(E2ePlatform.class))
                    .computeIfAbsent(Stopper.class, key -> new Stopper(platform.platform), Stopper.class);
            return platform;
        }
    }

    private record Stopper(LocalPlatform platform) implements AutoCloseable {
        @Override
        public void close() {
            platform.close();
        }
    }
}
