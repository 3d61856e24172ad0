package dev.connectnow.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The record every ConnectNow topic carries. Attribute names follow CloudEvents 1.0 (structured JSON mode)
 * so that consumers outside the suite can read our topics with any CloudEvents SDK.
 *
 * @param specversion     always {@code "1.0"}
 * @param id              unique per event; consumers de-duplicate on it
 * @param type            e.g. {@code message.created}; see {@link EventType}
 * @param source          the producing service, e.g. {@code /auth-service}
 * @param time            when the state change committed (producer clock)
 * @param subject         id of the aggregate the event is about; also the Kafka key for most topics
 * @param sequence        per-aggregate order where one exists (e.g. message seq in a channel), else absent
 * @param datacontenttype always {@code application/json}
 * @param data            the payload, one of the records in this module
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // CloudEvents: an optional attribute without a value is left out
public record EventEnvelope<T>(
        String specversion,
        UUID id,
        String type,
        String source,
        Instant time,
        String subject,
        Long sequence,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    public static <T> EventEnvelope<T> of(EventType<T> type, String source, String subject, Long sequence, T data) {
        return of(type, source, subject, sequence, data, Instant.now());
    }

    /** As above at a given time (producers pass their injected clock's instant). */
    public static <T> EventEnvelope<T> of(
            EventType<T> type, String source, String subject, Long sequence, T data, Instant time) {
        return new EventEnvelope<>(
                SPEC_VERSION, UuidV7.next(), type.name(), source, time, subject, sequence, CONTENT_TYPE, data);
    }
}
