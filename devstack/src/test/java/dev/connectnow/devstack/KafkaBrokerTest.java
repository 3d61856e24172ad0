package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void serverPropertiesDescribeASingleCombinedKraftNode() {
        Map<String, String> props = KafkaBroker.serverProperties(Path.of("/data/kafka"), 19092, 19093);

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("log.dirs", "/data/kafka")
                .containsEntry("num.partitions", "3")
                .containsEntry("auto.create.topics.enable", "true")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .doesNotContainKey("controller.quorum.bootstrap.servers");
        assertThat(props.get("node.id"))
                .isEqualTo(props.get("controller.quorum.voters").split("@")[0]);
    }

    @Test
    void everyReplicationFactorFitsOneBroker() {
        Map<String, String> props = KafkaBroker.serverProperties(Path.of("/d"), 1, 2);

        assertThat(props).allSatisfy((key, value) -> {
            if (key.endsWith("replication.factor") || key.endsWith("min.isr")) {
                assertThat(value).as(key).isEqualTo("1");
            }
        });
    }

    @Test
    void theBrokerStartsWithStartUpFlagsUnlessABenchmarkAsksForProductionOnes() {
        String before = System.clearProperty(DevStackConfig.JVM_OPTIONS_PROPERTY);
        try {
            assertThat(KafkaBroker.brokerJvmOptions()).isEqualTo(KafkaBroker.BROKER_JVM_OPTIONS);

            System.setProperty(DevStackConfig.JVM_OPTIONS_PROPERTY, " -Xms512m  -Xmx512m -XX:+UseG1GC ");

            assertThat(KafkaBroker.brokerJvmOptions()).containsExactly("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
            assertThat(Jvm.options(ServiceProcess.JVM_OPTIONS)).isEqualTo(KafkaBroker.brokerJvmOptions());
        } finally {
            if (before == null) {
                System.clearProperty(DevStackConfig.JVM_OPTIONS_PROPERTY);
            } else {
                System.setProperty(DevStackConfig.JVM_OPTIONS_PROPERTY, before);
            }
        }
    }
}
