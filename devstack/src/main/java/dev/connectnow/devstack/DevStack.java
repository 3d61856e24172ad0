package dev.connectnow.devstack;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar devstack/target/devstack.jar [--quiet] [--infra-only]}: runs the whole platform
 * locally until Ctrl-C. See {@code docs/devstack.md}.
 */
public final class DevStack {

    private DevStack() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(
                    "usage: java [-Dconnectnow.devstack.replicas.<service>=<n>] -jar devstack/target/devstack.jar "
                            + "[--quiet] [--infra-only]");
            System.out.println("  --quiet       application logs only to .devstack/logs/<name>.log, not the console");
            System.out.println("  --infra-only  only Kafka and PostgreSQL (with the databases), e.g. for services run "
                    + "from an IDE");
            System.out.println("  -Dconnectnow.devstack.replicas.realtime-service=2 (or CONNECTNOW_DEVSTACK_REPLICAS_"
                    + "REALTIME_SERVICE=2)  runs two instances of realtime-service");
            return;
        }
        Console console = Console.system();
        Path repoRoot = locateRepoRoot();
        DevStackConfig config = DevStackConfig.defaults(repoRoot)
                .withEnvironment(System.getenv())
                .withReplicaSettings(systemProperties())
                .withEchoChildLogs(!arguments.contains("--quiet"));
        LocalPlatform platform = new LocalPlatform(config, console);
        // also runs on SIGTERM/SIGHUP and System.exit; only SIGKILL escapes it (the next run cleans up then)
        Runtime.getRuntime().addShutdownHook(new Thread(platform::close, "devstack-shutdown"));
        boolean infraOnly = arguments.contains("--infra-only");
        long start = System.nanoTime();
        try {
            if (infraOnly) {
                platform.startInfrastructure();
            } else {
                platform.start();
            }
        } catch (RuntimeException e) {
            if (platform.isClosed()) {
                // Ctrl-C during the start: the children stopping is the shutdown hook's doing, not a failure
                return;
            }
            console.error(e.getMessage());
            console.error("the stack did not start; logs are in " + config.logDir());
            System.exit(1);
        }
        if (infraOnly) {
            printInfrastructure(console, config);
        } else {
            printBanner(console, platform, (System.nanoTime() - start) / 1_000_000_000.0);
        }
        // the children do the work; this thread only has to keep the JVM (and its shutdown hook) alive
        Thread.currentThread().join();
    }

    private static void printBanner(Console console, LocalPlatform platform, double seconds) {
        DevStackConfig config = platform.config();
        String url = config.gatewayUrl();
        console.success(String.format(Locale.ROOT, "all applications healthy after %.0f s", seconds));
        console.plain("");
        console.plain("  ConnectNow is up: " + url);
        console.plain("");
        console.plain("  curl -s -X POST " + url + "/api/auth/register -H 'Content-Type: application/json' "
                + "-d '{\"email\":\"ada@example.com\",\"username\":\"ada\",\"password\":\"correct-horse-battery\","
                + "\"displayName\":\"Ada Lovelace\"}'");
        console.plain("  curl -s -X POST " + url + "/api/auth/login -H 'Content-Type: application/json' "
                + "-d '{\"login\":\"ada\",\"password\":\"correct-horse-battery\"}'");
        console.plain("");
        for (ServiceDefinition service : config.services()) {
            List<ServiceProcess> instances = platform.instancesOf(service);
            if (instances.size() > 1) {
                console.plain("  " + service.name() + ": " + instances.size() + " instances, ports "
                        + String.join(
                                ", ",
                                instances.stream()
                                        .map(i -> Integer.toString(i.port()))
                                        .toList()));
            }
        }
        console.plain("  logs: " + config.logDir() + "    stop: Ctrl-C");
        console.plain("");
    }

    private static void printInfrastructure(Console console, DevStackConfig config) {
        console.plain("");
        console.plain("  Kafka:      " + config.kafkaBootstrapServers());
        console.plain("  PostgreSQL: " + config.database().jdbcUrl("<database>") + "  (user "
                + config.database().user() + ", databases " + String.join(", ", Services.databasesOf(config.services()))
                + ")");
        console.plain("  stop: Ctrl-C");
        console.plain("");
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().forEach((key, value) -> properties.put(key.toString(), value.toString()));
        return properties;
    }

    /** From the working directory, else from where this jar lies, so it also runs from outside the repo. */
    private static Path locateRepoRoot() {
        try {
            return RepoRoot.locate();
        } catch (IllegalStateException notFromHere) {
            try {
                Path jar = Path.of(DevStack.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
                return RepoRoot.locate(jar.getParent());
            } catch (URISyntaxException | RuntimeException e) {
                throw notFromHere;
            }
        }
    }
}
