package dev.connectnow.testkit;

import dev.connectnow.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a topic of the shared test broker from the beginning, for asserting what a service published.
 * Topics are shared by all test classes in the JVM, so filter on ids your test created.
 */
public final class EventCollector implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public EventCollector(String... topics) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestKafka.shared().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-collector-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of(topics));
    }

    /**
     * Reads the dead-letter topic of {@code topic} ({@code <topic>.DLT}): what a consumer could not process.
     * Records there are often not events at all; match them by {@link Received#key()} and
     * {@link Received#value()}.
     */
    public static EventCollector deadLettersOf(String topic) {
        return new EventCollector(Topics.deadLetter(topic));
    }

    /** Waits until at least {@code count} records match, returns all matching ones seen by then. */
    public List<Received> await(Predicate<Received> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Received> matching = received.stream().filter(filter).toList();
            if (matching.size() >= count || System.nanoTime() > deadline) {
                return matching;
            }
            poll(Duration.ofMillis(200));
        }
    }

    /** Keeps reading for the given time (to prove that nothing more arrives), then returns the matches. */
    public List<Received> drain(Predicate<Received> filter, Duration quietPeriod) {
        long deadline = System.nanoTime() + quietPeriod.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return received.stream().filter(filter).toList();
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, String> record : consumer.poll(duration)) {
            received.add(new Received(record.topic(), record.key(), record.value(), parse(record.value())));
        }
    }

    /** Non-JSON records (e.g. poison records on a dead-letter topic) are kept with an empty envelope. */
    private static JsonNode parse(String value) {
        try {
            return value == null ? JSON.missingNode() : JSON.readTree(value);
        } catch (tools.jackson.core.JacksonException e) {
            return JSON.missingNode();
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    public record Received(String topic, String key, String value, JsonNode envelope) {

        public String type() {
            return envelope.path("type").asString();
        }

        public String subject() {
            return envelope.path("subject").asString();
        }

        public JsonNode data() {
            return envelope.path("data");
        }

        public boolean is(String type, Object subject) {
            return type().equals(type) && subject().equals(String.valueOf(subject));
        }
    }
}
