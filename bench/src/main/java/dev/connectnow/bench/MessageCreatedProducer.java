package dev.connectnow.bench;

import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Produces {@code message.created} envelopes straight to {@code connectnow.message}, shaped and keyed (by
 * channel id) as message-service's outbox publishes them: the realtime tier's input without message-service,
 * PostgreSQL and the outbox in front of it. Each send is acknowledged by every in-sync replica, unbatched.
 */
final class MessageCreatedProducer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaProducer<String, String> producer;

    MessageCreatedProducer(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(config);
    }

    /** A new message (random id and author) with this content and seq in a channel of a workspace. */
    Future<RecordMetadata> send(UUID channelId, UUID workspaceId, long seq, String content, Callback callback) {
        String now = Instant.now().toString();
        UUID id = UUID.randomUUID();
        ObjectNode data = JSON.createObjectNode()
                .put("id", id.toString())
                .put("channelId", channelId.toString())
                .put("workspaceId", workspaceId.toString())
                .put("userId", UUID.randomUUID().toString())
                .put("content", content)
                .put("type", "TEXT")
                .putNull("parentId")
                .put("seq", seq)
                .put("replyCount", 0)
                .put("isEdited", false)
                .putNull("editedAt")
                .put("isDeleted", false)
                .putNull("deletedAt")
                .put("isPinned", false)
                .putNull("pinnedAt")
                .put("version", 1)
                .put("createdAt", now)
                .put("updatedAt", now);
        data.putArray("reactions");
        data.putArray("attachments");
        data.putArray("mentionedUserIds");
        ObjectNode envelope = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", "message.created")
                .put("source", "/message-service")
                .put("time", now)
                .put("subject", id.toString())
                .put("sequence", seq)
                .put("datacontenttype", "application/json");
        envelope.set("data", data);
        return producer.send(
                new ProducerRecord<>(Topics.MESSAGE, channelId.toString(), JSON.writeValueAsString(envelope)),
                callback);
    }

    @Override
    public void close() {
        producer.close();
    }
}
