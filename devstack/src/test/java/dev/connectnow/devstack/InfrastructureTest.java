package dev.connectnow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka and PostgreSQL started by the launcher code itself (not by a test double): a record
 * travels through the real broker, the services' databases are created and usable over JDBC,
 * and both keep their data when the stack is started again on the same directory.
 */
class InfrastructureTest {

    private static final String TOPIC = "devstack.infrastructure-test";

    @TempDir
    Path workDir;

    @Test
    void kafkaAndPostgresWorkAndKeepTheirDataBetweenRuns() throws Exception {
        DevStackConfig config = DevStackConfig.defaults(RepoRoot.locate())
                .withWorkDir(workDir)
                .withFreePorts()
                .withEchoChildLogs(false);
        ByteArrayOutputStream consoleOutput = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(consoleOutput, true, StandardCharsets.UTF_8), false);
        String key = UUID.randomUUID().toString();

        try (LocalPlatform firstRun = new LocalPlatform(config, console)) {
            firstRun.startInfrastructure();

            produce(config.kafkaBootstrapServers(), key, "hello from the first run");
            assertThat(consumeAll(config.kafkaBootstrapServers()))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(key, "hello from the first run"));

            assertThat(databases(firstRun.postgres())).containsAll(Services.databasesOf(Services.BUSINESS));
            try (Connection auth = firstRun.postgres().connect("connectnow_auth");
                    Statement sql = auth.createStatement()) {
                sql.execute("CREATE TABLE survivor (id int PRIMARY KEY, name text NOT NULL)");
                sql.execute("INSERT INTO survivor VALUES (1, 'kept'), (2, 'also kept')");
            }
        }
        assertThat(workDir.resolve("kafka/meta.properties")).isRegularFile();
        assertThat(workDir.resolve("pgdata/PG_VERSION")).content().isEqualToIgnoringWhitespace("16");
        assertThat(workDir.resolve("run/kafka.pid"))
                .as("pid file removed on a clean stop")
                .doesNotExist();

        try (LocalPlatform secondRun = new LocalPlatform(config, console)) {
            secondRun.startInfrastructure();

            try (Connection auth = secondRun.postgres().connect("connectnow_auth");
                    Statement sql = auth.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT name FROM survivor ORDER BY id")) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                assertThat(names).containsExactly("kept", "also kept");
            }
            assertThat(consumeAll(config.kafkaBootstrapServers()))
                    .as("the broker was not re-formatted")
                    .extracting(ConsumerRecord::value)
                    .containsExactly("hello from the first run");
        }
        String output = consoleOutput.toString(StandardCharsets.UTF_8);
        assertThat(output)
                .contains("created now: connectnow_auth")
                .as("formatting the storage and stopping on request are no unexpected exits")
                .doesNotContain("exited with code");
        assertThat(Files.readString(workDir.resolve("logs/kafka.log"))).contains("Kafka Server started");
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        }
    }

    /** A fresh group each time reads the topic from the beginning. */
    private static List<ConsumerRecord<String, String>> consumeAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "infrastructure-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(TOPIC));
            Await.until("the first records of " + TOPIC, () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return !records.isEmpty();
            });
            // anything else already in the topic arrives with or right after the first batch
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        return records;
    }

    private static List<String> databases(Postgres postgres) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = postgres.connect("postgres");
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
