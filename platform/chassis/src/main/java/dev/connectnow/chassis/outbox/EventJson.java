package dev.connectnow.chassis.outbox;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes event envelopes. Reading is lenient about unknown fields (producers may add fields
 * before consumers know them) but strict about the envelope itself: a record without id or type is
 * malformed and goes to the dead-letter topic.
 */
public class EventJson {

    private final JsonMapper writer;
    private final JsonMapper reader;

    public EventJson(JsonMapper mapper) {
        this.writer = mapper;
        this.reader = mapper.rebuild()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    public String write(EventEnvelope<?> envelope) {
        return writer.writeValueAsString(envelope);
    }

    public ReceivedEvent read(String value) {
        try {
            JsonNode node = reader.readTree(value);
            if (node == null || !node.isObject() || !node.hasNonNull("id") || !node.hasNonNull("type")) {
                throw new MalformedEventException("record is not an event envelope");
            }
            return new ReceivedEvent(
                    UUID.fromString(node.get("id").asString()),
                    node.get("type").asString(),
                    text(node, "source"),
                    node.hasNonNull("time") ? Instant.parse(node.get("time").asString()) : null,
                    text(node, "subject"),
                    node.hasNonNull("sequence") ? node.get("sequence").asLong() : null,
                    node.get("data"),
                    reader);
        } catch (JacksonException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new MalformedEventException(
                    "record is not an event envelope: " + e.getClass().getSimpleName());
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    /** An event as a consumer sees it: envelope attributes plus the payload, converted on demand. */
    public record ReceivedEvent(
            UUID id,
            String type,
            String source,
            Instant time,
            String subject,
            Long sequence,
            JsonNode rawData,
            JsonMapper mapper) {

        public boolean is(EventType<?> eventType) {
            return eventType.name().equals(type);
        }

        public Optional<EventType<?>> knownType() {
            return EventType.byName(type);
        }

        public <T> T data(EventType<T> eventType) {
            if (!is(eventType)) {
                throw new IllegalArgumentException("event is " + type + ", not " + eventType);
            }
            try {
                return mapper.treeToValue(rawData, eventType.payloadType());
            } catch (JacksonException | IllegalArgumentException e) {
                throw new MalformedEventException("payload of " + type + " does not match its contract");
            }
        }
    }
}
