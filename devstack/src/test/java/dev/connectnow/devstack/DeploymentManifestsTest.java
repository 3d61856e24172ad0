package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What an operator applies is what the services answer on: the Kubernetes manifests (and docker-compose, where it
 * has the same concern) against the ports, paths and settings the services actually use. No cluster runs here, so
 * these are the checks a failed rollout would otherwise be the first to make.
 */
class DeploymentManifestsTest {

    /** The chassis' management port when none is set (docs/running.md, Configuration). */
    private static final int MANAGEMENT_PORT_OFFSET = 1000;

    /**
     * What a stopping service may take after SIGTERM, before the kubelet kills it: the chassis' departure grace
     * (connectnow.discovery.departure-grace) and one shutdown phase (spring.lifecycle.timeout-per-shutdown-phase).
     */
    private static final int SHUTDOWN_SECONDS = 10 + 20;

    private final Path root = RepoRoot.locate();

    @Test
    void everyCataloguedApplicationHasAManifestInTheKustomization() throws IOException {
        List<Object> resources =
                list(map(load(root.resolve("k8s/kustomization.yaml")).get(0)).get("resources"));
        for (ServiceDefinition service : applications()) {
            assertThat(root.resolve("k8s/" + service.name() + ".yaml"))
                    .as(service.name())
                    .exists();
            assertThat(resources).as("k8s/kustomization.yaml").contains(service.name() + ".yaml");
        }
    }

    @Test
    void probesAndMetricsPointAtWhatEachServiceServes() throws IOException {
        for (ServiceDefinition service : applications()) {
            Map<String, Object> deployment = manifest(service, "Deployment");
            Map<String, Object> pod = map(map(deployment.get("spec")).get("template"));
            Map<String, Object> container =
                    map(list(map(pod.get("spec")).get("containers")).get(0));
            String name = service.name();

            int http = containerPort(container, "http");
            assertThat(http).as("%s: the http port", name).isEqualTo(service.defaultPort());
            assertThat(env(container, "SERVER_PORT"))
                    .as("%s: SERVER_PORT", name)
                    .isEqualTo(String.valueOf(http));

            // the chassis moves the actuator to its own port; gateway and discovery get theirs set
            String managementSetting = env(container, "MANAGEMENT_SERVER_PORT");
            int management =
                    managementSetting != null ? Integer.parseInt(managementSetting) : http + MANAGEMENT_PORT_OFFSET;
            assertThat(containerPort(container, "management"))
                    .as("%s: the management port (actuator, Prometheus)", name)
                    .isEqualTo(management);
            Map<String, Object> annotations = map(map(pod.get("metadata")).get("annotations"));
            assertThat(annotations.get("prometheus.io/port"))
                    .as("%s: Prometheus scrapes the management port", name)
                    .isEqualTo(String.valueOf(management));

            // /livez and /readyz on the public port: the actuator's own paths are a 404 there
            assertProbe(name, container, "startupProbe", "/livez");
            assertProbe(name, container, "livenessProbe", "/livez");
            assertProbe(name, container, "readinessProbe", "/readyz");

            int preStop = (Integer)
                    map(map(map(container.get("lifecycle")).get("preStop")).get("sleep"))
                            .get("seconds");
            assertThat((Integer) map(pod.get("spec")).get("terminationGracePeriodSeconds"))
                    .as(
                            "%s: the preStop sleep, then the departure grace and a shutdown phase fit before the kill",
                            name)
                    .isGreaterThanOrEqualTo(preStop + SHUTDOWN_SECONDS);

            Map<String, Object> podSecurity = map(map(pod.get("spec")).get("securityContext"));
            assertThat(podSecurity.get("runAsNonRoot"))
                    .as("%s: runAsNonRoot", name)
                    .isEqualTo(true);
            assertThat(map(podSecurity.get("seccompProfile")).get("type"))
                    .as("%s: seccomp (the restricted Pod Security Standard)", name)
                    .isEqualTo("RuntimeDefault");
        }
    }

    @Test
    void servicesSelectTheirPodsAndReplicatedOnesKeepOneThroughADrain() throws IOException {
        for (ServiceDefinition service : applications()) {
            Map<String, Object> deployment = manifest(service, "Deployment");
            Map<String, Object> podLabels =
                    map(map(map(map(deployment.get("spec")).get("template")).get("metadata"))
                            .get("labels"));
            Map<String, Object> serviceSpec = map(manifest(service, "Service").get("spec"));
            assertThat(podLabels).as(service.name()).containsAllEntriesOf(map(serviceSpec.get("selector")));
            Object replicas = map(deployment.get("spec")).get("replicas");
            if (replicas instanceof Integer count && count > 1) {
                Map<String, Object> budget =
                        map(manifest(service, "PodDisruptionBudget").get("spec"));
                assertThat(podLabels)
                        .as(service.name())
                        .containsAllEntriesOf(map(map(budget.get("selector")).get("matchLabels")));
            }
        }
    }

    @Test
    void theWebClientsOriginIsAllowedByTheGatewayAndByTheWebSocketEdgeAlike() throws IOException {
        Map<String, Object> config =
                documentOfKind(load(root.resolve("k8s/config.yaml")), "ConfigMap", "connectnow-config");
        Map<String, Object> data = map(config.get("data"));

        assertThat(data.get("CONNECTNOW_REALTIME_ALLOWED_ORIGINS"))
                .as("a browser WebSocket from the origin the gateway serves is refused by realtime-service otherwise")
                .isNotNull()
                .isEqualTo(data.get("CONNECTNOW_GATEWAY_CORS_ALLOWED_ORIGINS"));
    }

    @Test
    void replicatedAuthServiceRefusesToStartWithoutTheSharedSigningKey() throws IOException {
        ServiceDefinition auth = Services.BUSINESS.stream()
                .filter(service -> service.name().equals("auth-service"))
                .findFirst()
                .orElseThrow();
        Map<String, Object> deployment = manifest(auth, "Deployment");
        Map<String, Object> container = firstContainer(deployment);

        assertThat((Integer) map(deployment.get("spec")).get("replicas")).isGreaterThan(1);
        assertThat(env(container, "CONNECTNOW_AUTH_SIGNING_KEY_REQUIRED"))
                .as("with a generated key per replica each rejects the other's tokens")
                .isEqualTo("true");
    }

    @Test
    void theGatewaySeesEachClientsOwnAddress() throws IOException {
        Map<String, Object> spec = map(manifest(Services.GATEWAY, "Service").get("spec"));

        assertThat(spec.get("type")).isEqualTo("LoadBalancer");
        assertThat(spec.get("externalTrafficPolicy"))
                .as("per-IP limits count the TCP peer; Cluster would make it the node's address")
                .isEqualTo("Local");
    }

    /**
     * Replicas of one service are distinct instances in Eureka only if each registers under its own address: the
     * pod's IP in Kubernetes; in docker-compose the container's, which Spring fills in for the placeholder (compose
     * reads {@code $$} as one {@code $}). A service's name there gave every replica of {@code --scale} one instance
     * id, one entry in the registry, and resumes routed to whichever replica the name resolved to.
     */
    @Test
    void everyReplicaRegistersInEurekaUnderItsOwnAddress() throws IOException {
        for (ServiceDefinition service : applications()) {
            Map<String, Object> container = firstContainer(manifest(service, "Deployment"));
            Map<String, Object> address = variable(container, "EUREKA_INSTANCE_IP_ADDRESS");
            assertThat(map(map(address.get("valueFrom")).get("fieldRef")).get("fieldPath"))
                    .as("%s: the address it registers under", service.name())
                    .isEqualTo("status.podIP");
        }
        Map<String, Object> compose =
                map(map(load(root.resolve("docker-compose.yml")).get(0)).get("services"));
        List<String> registering = new ArrayList<>();
        compose.forEach((name, definition) -> {
            Map<String, Object> environment = map(map(definition).get("environment"));
            if (environment.containsKey("EUREKA_URL")) {
                registering.add(name);
                assertThat(environment.get("EUREKA_INSTANCE_IP_ADDRESS"))
                        .as("docker-compose's %s: the address it registers under", name)
                        .isEqualTo("$${spring.cloud.client.ip-address}");
            }
        });
        assertThat(registering)
                .as("the compose services that register in Eureka: every application but discovery")
                .hasSize(applications().size() - 1);
    }

    @Test
    void kafkaAndPostgresKeepTheirDataOnTheirVolumes() throws IOException {
        List<Map<String, Object>> infra = load(root.resolve("k8s/infra/infra.yaml"));
        Map<String, Object> kafka = statefulSetContainer(infra, "kafka");
        Map<String, Object> postgres = statefulSetContainer(infra, "postgres");

        assertUnderButNotAt("kafka's KAFKA_LOG_DIRS", env(kafka, "KAFKA_LOG_DIRS"), mountPath(kafka, "data"));
        assertUnderButNotAt("postgres's PGDATA", env(postgres, "PGDATA"), mountPath(postgres, "data"));

        Map<String, Object> compose =
                map(load(root.resolve("docker-compose.yml")).get(0));
        Map<String, Object> composeKafka = map(map(compose.get("services")).get("kafka"));
        String volume = list(composeKafka.get("volumes")).stream()
                .map(String::valueOf)
                .filter(entry -> entry.startsWith("kafkadata:"))
                .findFirst()
                .orElseThrow()
                .substring("kafkadata:".length());
        assertUnderButNotAt(
                "docker-compose's KAFKA_LOG_DIRS",
                String.valueOf(map(composeKafka.get("environment")).get("KAFKA_LOG_DIRS")),
                volume);
    }

    @Test
    void kafkaAndPostgresAreProbedAndHaveTheMemoryTheyAreLimitedTo() throws IOException {
        List<Map<String, Object>> infra = load(root.resolve("k8s/infra/infra.yaml"));
        for (String name : List.of("kafka", "postgres")) {
            Map<String, Object> container = statefulSetContainer(infra, name);
            assertThat(container)
                    .as("%s's probes", name)
                    .containsKeys("startupProbe", "livenessProbe", "readinessProbe");
            Map<String, Object> resources = map(container.get("resources"));
            Object limit = map(resources.get("limits")).get("memory");
            assertThat(limit).as("%s's memory limit", name).isNotNull();
            assertThat(map(resources.get("requests")).get("memory"))
                    .as("%s's memory request (neither gives its memory back)", name)
                    .isEqualTo(limit);
        }
        Map<String, Object> kafka = statefulSetContainer(infra, "kafka");
        Matcher heap = Pattern.compile("-Xmx(\\d+)g").matcher(String.valueOf(env(kafka, "KAFKA_HEAP_OPTS")));
        Matcher limit = Pattern.compile("(\\d+)Gi")
                .matcher(String.valueOf(
                        map(map(kafka.get("resources")).get("limits")).get("memory")));
        assertThat(heap.find() && limit.matches())
                .as("the broker's heap and memory limit in GiB")
                .isTrue();
        assertThat(Integer.parseInt(heap.group(1)) * 2)
                .as("the broker's heap at most half its memory (the rest is the page cache it serves reads from)")
                .isLessThanOrEqualTo(Integer.parseInt(limit.group(1)));
    }

    private static void assertUnderButNotAt(String what, String directory, String volume) {
        assertThat(directory).as(what).isNotNull().startsWith(volume + "/");
    }

    private static void assertProbe(String service, Map<String, Object> container, String probe, String path) {
        Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
        assertThat(httpGet.get("path")).as("%s: %s", service, probe).isEqualTo(path);
        assertThat(httpGet.get("port")).as("%s: %s's port", service, probe).isEqualTo("http");
    }

    private static int containerPort(Map<String, Object> container, String name) {
        return list(container.get("ports")).stream()
                .map(DeploymentManifestsTest::map)
                .filter(port -> name.equals(port.get("name")))
                .map(port -> (Integer) port.get("containerPort"))
                .findFirst()
                .orElse(-1);
    }

    private static String env(Map<String, Object> container, String name) {
        return Objects.toString(variable(container, name).get("value"), null);
    }

    /** The container's environment variable of that name (its value or valueFrom), empty when it has none. */
    private static Map<String, Object> variable(Map<String, Object> container, String name) {
        return list(container.get("env")).stream()
                .map(DeploymentManifestsTest::map)
                .filter(variable -> name.equals(variable.get("name")))
                .findFirst()
                .orElse(Map.of());
    }

    private static String mountPath(Map<String, Object> container, String volume) {
        return list(container.get("volumeMounts")).stream()
                .map(DeploymentManifestsTest::map)
                .filter(mount -> volume.equals(mount.get("name")))
                .map(mount -> String.valueOf(mount.get("mountPath")))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, Object> statefulSetContainer(List<Map<String, Object>> documents, String name) {
        return firstContainer(documentOfKind(documents, "StatefulSet", name));
    }

    private static Map<String, Object> firstContainer(Map<String, Object> workload) {
        return map(list(map(map(map(workload.get("spec")).get("template")).get("spec"))
                        .get("containers"))
                .get(0));
    }

    private Map<String, Object> manifest(ServiceDefinition service, String kind) throws IOException {
        return documentOfKind(load(root.resolve("k8s/" + service.name() + ".yaml")), kind, service.name());
    }

    private static Map<String, Object> documentOfKind(List<Map<String, Object>> documents, String kind, String name) {
        return documents.stream()
                .filter(document -> kind.equals(document.get("kind")))
                .filter(document -> name.equals(map(document.get("metadata")).get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static List<ServiceDefinition> applications() {
        return Stream.concat(Stream.of(Services.DISCOVERY, Services.GATEWAY), Services.BUSINESS.stream())
                .toList();
    }

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
