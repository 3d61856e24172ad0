package dev.connectnow.events;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names one kind of event, the topic it travels on and the payload record it carries. Instances are
 * declared once, in the per-context catalogues ({@code UserEvents}, {@code WorkspaceEvents}, ...), so a
 * producer and a consumer cannot disagree on spelling or payload shape.
 */
public final class EventType<T> {

    private static final Map<String, EventType<?>> BY_NAME = new ConcurrentHashMap<>();

    private final String name;
    private final String topic;
    private final Class<T> payloadType;

    private EventType(String name, String topic, Class<T> payloadType) {
        this.name = Objects.requireNonNull(name);
        this.topic = Objects.requireNonNull(topic);
        this.payloadType = Objects.requireNonNull(payloadType);
    }

    public static <T> EventType<T> define(String name, String topic, Class<T> payloadType) {
        EventType<T> type = new EventType<>(name, topic, payloadType);
        EventType<?> previous = BY_NAME.putIfAbsent(name, type);
        if (previous != null) {
            throw new IllegalStateException("event type defined twice: " + name);
        }
        return type;
    }

    /** Looks a type up by its wire name. */
    public static Optional<EventType<?>> byName(String name) {
        EventCatalog.load();
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<EventType<?>> all() {
        EventCatalog.load();
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    public Class<T> payloadType() {
        return payloadType;
    }

    @Override
    public String toString() {
        return name;
    }
}
