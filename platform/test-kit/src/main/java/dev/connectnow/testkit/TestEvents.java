package dev.connectnow.testkit;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays another service in a consumer's test: sends events to the shared test broker on their type's topic,
 * keyed as the producing service keys them, and waits for Kafka's acknowledgement (not for the consumer:
 * wait for its effect with {@link Await}).
 *
 * <p>Key rules (the partitioning that gives per-aggregate order):
 * <ul>
 *   <li>{@code connectnow.user}, {@code connectnow.presence}, socket events on {@code connectnow.connection}:
 *   the user id;</li>
 *   <li>{@code realtime.instance.heartbeat}: the instance id;</li>
 *   <li>{@code connectnow.workspace}: the workspace id;</li>
 *   <li>{@code connectnow.channel}, {@code connectnow.message}, {@code connectnow.typing}: the channel id;</li>
 *   <li>{@code connectnow.dm}: the conversation id.</li>
 * </ul>
 */
public final class TestEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final EventJson EVENT_JSON = new EventJson(JSON);
    private static volatile KafkaProducer<String, String> producer;

    /** Sends an envelope keyed by the rules above. */
    public static void send(EventEnvelope<?> envelope) {
        String value = EVENT_JSON.write(envelope);
        send(envelope.type(), keyOf(envelope.type(), JSON.readTree(value).path("data")), value);
    }

    /** Sends an envelope with an explicit key, e.g. to test what a consumer does with a mis-keyed event. */
    public static void send(EventEnvelope<?> envelope, String key) {
        send(envelope.type(), key, EVENT_JSON.write(envelope));
    }

    /**
     * Sends many envelopes at once, keyed by the rules above, and returns when the broker acknowledged all of
     * them (per key in the given order): for load, e.g. thousands of events at a consumer that must keep up.
     */
    public static void sendAll(Collection<? extends EventEnvelope<?>> envelopes) {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        for (EventEnvelope<?> envelope : envelopes) {
            String value = EVENT_JSON.write(envelope);
            String key = keyOf(envelope.type(), JSON.readTree(value).path("data"));
            acknowledgements.add(producer().send(new ProducerRecord<>(topicOf(envelope.type()), key, value)));
        }
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("could not send " + envelopes.size() + " events", e);
            }
        }
    }

    /** Sends a JSON envelope (a golden document or a changed copy of one), keyed by the rules above. */
    public static void send(JsonNode envelope) {
        String type = envelope.path("type").asString();
        send(type, keyOf(type, envelope.path("data")), JSON.writeValueAsString(envelope));
    }

    /** Sends a JSON envelope with an explicit key (its payload may lack the field the key comes from). */
    public static void send(JsonNode envelope, String key) {
        send(envelope.path("type").asString(), key, JSON.writeValueAsString(envelope));
    }

    /** Feeds the golden document of {@code type} (see {@link EventContracts}) through the consumer. */
    public static void sendGolden(EventType<?> type) {
        send(JSON.readTree(EventContracts.golden(type)));
    }

    /** Sends any value, e.g. a record that is not an event at all, to test dead-lettering. */
    public static void sendRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** The key the producing service would use for an event of {@code type} with this payload. */
    public static String keyOf(String type, JsonNode data) {
        String topic = EventType.byName(type)
                .map(EventType::topic)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
        String field = switch (topic) {
            case Topics.USER, Topics.PRESENCE -> "userId";
            case Topics.CONNECTION -> type.equals("realtime.instance.heartbeat") ? "instanceId" : "userId";
            case Topics.WORKSPACE -> "workspaceId";
            case Topics.CHANNEL, Topics.MESSAGE, Topics.TYPING -> "channelId";
            case Topics.DM -> type.equals("dm.conversation.created") ? "id" : "conversationId";
            default -> throw new IllegalArgumentException("no key rule for topic " + topic);
        };
        JsonNode key = data.path(field);
        if (key.isMissingNode() || key.isNull()) {
            throw new IllegalArgumentException(
                    type + " is keyed by data." + field + ", which this payload lacks; pass the key explicitly");
        }
        return key.asString();
    }

    private static void send(String type, String key, String value) {
        sendRaw(topicOf(type), key, value);
    }

    private static String topicOf(String type) {
        return EventType.byName(type)
                .map(EventType::topic)
                .orElseThrow(() -> new IllegalArgumentException("unknown event type " + type));
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (TestEvents.class) {
                if (producer == null) {
                    KafkaProducer<String, String> created = new KafkaProducer<>(
                            Map.of(
                                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    TestKafka.shared().bootstrapServers(),
                                    ProducerConfig.ACKS_CONFIG,
                                    "all"),
                            new StringSerializer(),
                            new StringSerializer());
                    Runtime.getRuntime()
                            .addShutdownHook(new Thread(
                                    () -> created.close(java.time.Duration.ofSeconds(2)), "close-test-events"));
                    producer = created;
                }
            }
        }
        return producer;
    }

    private TestEvents() {}
}
