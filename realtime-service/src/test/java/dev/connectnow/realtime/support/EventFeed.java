package dev.connectnow.realtime.support;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.testkit.TestKafka;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the producing services (message, channel, workspace, dm, presence, auth): publishes their events,
 * enveloped and keyed as the contracts say, to the shared test broker.
 */
public final class EventFeed implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(
            Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestKafka.shared().bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.LINGER_MS_CONFIG,
                    1,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                    4 * 1024 * 1024),
            new StringSerializer(),
            new StringSerializer());

    /** Publishes the event keyed by {@code key} and waits for the broker's acknowledgement. */
    public <T> EventEnvelope<T> publish(EventType<T> type, Object key, T payload) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, "/test", key.toString(), null, payload, Instant.now());
        try {
            producer.send(new ProducerRecord<>(type.topic(), key.toString(), JSON.writeValueAsString(envelope)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
        return envelope;
    }

    /** Publishes without waiting for each acknowledgement (bulk); {@link #flush()} waits for all. */
    public <T> void publishAsync(EventType<T> type, Object key, T payload) {
        EventEnvelope<T> envelope = EventEnvelope.of(type, "/test", key.toString(), null, payload, Instant.now());
        producer.send(new ProducerRecord<>(type.topic(), key.toString(), JSON.writeValueAsString(envelope)));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
