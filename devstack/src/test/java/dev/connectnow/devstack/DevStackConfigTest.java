package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevStackConfigTest {

    private final Path root = Path.of("/repo");

    @Test
    void defaultsUseTheWellKnownLocalPortsAndTheRepositoryWorkDir() {
        DevStackConfig config = DevStackConfig.defaults(root);

        assertThat(config.workDir()).isEqualTo(root.resolve(".devstack"));
        assertThat(config.kafkaBootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.database()).isEqualTo(DatabaseServer.embedded(5432));
        assertThat(config.gatewayUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.discoveryUrl()).isEqualTo("http://localhost:8761");
        assertThat(config.portOf(Services.BUSINESS.get(0))).isEqualTo(8081);
        assertThat(config.jarOf(Services.GATEWAY)).isEqualTo(root.resolve("gateway/target/gateway.jar"));
        assertThat(config.applications()).first().isEqualTo(Services.DISCOVERY);
        assertThat(config.applications()).last().isEqualTo(Services.GATEWAY);
    }

    @Test
    void freePortsReplaceEveryListeningPortWithDistinctOnes() {
        DevStackConfig config = DevStackConfig.defaults(root).withFreePorts();

        List<Integer> ports = new ArrayList<>(config.ports().values());
        ports.add(config.kafkaPort());
        ports.add(config.kafkaControllerPort());
        ports.add(config.database().port());
        assertThat(ports).doesNotHaveDuplicates().doesNotContain(8080, 8081, 8761, 9092, 9093, 5432);
        assertThat(config.ports().keySet())
                .isEqualTo(DevStackConfig.defaults(root).ports().keySet());
    }

    @Test
    void environmentSwitchesToAnExternalPostgresAndKafka() {
        DevStackConfig config = DevStackConfig.defaults(root)
                .withEnvironment(Map.of(
                        "CONNECTNOW_DB_HOST", "db.internal",
                        "CONNECTNOW_DB_PORT", "6543",
                        "CONNECTNOW_DB_USER", "connectnow",
                        "CONNECTNOW_DB_PASSWORD", "s3cret",
                        "CONNECTNOW_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"));

        assertThat(config.database()).isEqualTo(DatabaseServer.external("db.internal", 6543, "connectnow", "s3cret"));
        assertThat(config.database().jdbcUrl("connectnow_auth"))
                .isEqualTo("jdbc:postgresql://db.internal:6543/connectnow_auth");
        assertThat(config.embeddedKafka()).isFalse();
        assertThat(config.kafkaBootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
        assertThat(config.database().toString()).doesNotContain("s3cret");
    }

    @Test
    void withoutThoseVariablesEverythingStaysEmbedded() {
        DevStackConfig config = DevStackConfig.defaults(root).withEnvironment(Map.of("CONNECTNOW_DB_HOST", " "));

        assertThat(config.database().embedded()).isTrue();
        assertThat(config.embeddedKafka()).isTrue();
    }

    @Test
    void aServiceWithoutAPortIsRejectedUpFront() {
        ServiceDefinition unknown = ServiceDefinition.withDatabase("search-service", 8099);

        assertThatThrownBy(() -> DevStackConfig.defaults(root).withServices(List.of(unknown)))
                .hasMessageContaining("search-service");
        assertThat(DevStackConfig.defaults(root)
                        .withPort("search-service", 8099)
                        .withServices(List.of(unknown))
                        .portOf(unknown))
                .isEqualTo(8099);
    }

    @Test
    void oneSettingRunsSeveralInstancesOfAService() {
        ServiceDefinition realtime = service("realtime-service");
        ServiceDefinition auth = service("auth-service");

        DevStackConfig fromProperty = DevStackConfig.defaults(root)
                .withReplicaSettings(Map.of("connectnow.devstack.replicas.realtime-service", "2", "user.home", "/x"));
        DevStackConfig fromVariable = DevStackConfig.defaults(root)
                .withEnvironment(Map.of("CONNECTNOW_DEVSTACK_REPLICAS_REALTIME_SERVICE", "3", "HOME", "/x"));

        assertThat(fromProperty.replicasOf(realtime)).isEqualTo(2);
        assertThat(fromProperty.replicasOf(auth)).isEqualTo(1);
        assertThat(fromVariable.replicasOf(realtime)).isEqualTo(3);
        assertThat(DevStackConfig.defaults(root).replicasOf(realtime)).isEqualTo(1);
        // survives the other derivations (the end-to-end platform uses free ports and its own directory)
        assertThat(fromProperty.withFreePorts().withWorkDir(root).replicasOf(realtime))
                .isEqualTo(2);
    }

    @Test
    void aReplicaSettingThatNamesNoServiceOrNoCountIsRejected() {
        DevStackConfig config = DevStackConfig.defaults(root);

        assertThatThrownBy(() -> config.withReplicaSettings(Map.of("connectnow.devstack.replicas.realtime", "2")))
                .hasMessageContaining("realtime")
                .hasMessageContaining("realtime-service");
        assertThatThrownBy(() ->
                        config.withReplicaSettings(Map.of("CONNECTNOW_DEVSTACK_REPLICAS_REALTIME_SERVICE", "two")))
                .hasMessageContaining("number");
        assertThatThrownBy(() -> config.withReplicas("realtime-service", 0)).hasMessageContaining("at least 1");
    }

    private static ServiceDefinition service(String name) {
        return Services.BUSINESS.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
