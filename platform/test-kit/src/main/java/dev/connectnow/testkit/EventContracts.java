package dev.connectnow.testkit;

import dev.connectnow.events.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The golden JSON document of each event type ({@code platform/events/src/test/resources/contracts}), which
 * the producer's build proves its records serialize to. A consumer's test feeds the same document through
 * its real listener ({@link TestEvents#sendGolden}), so producer and consumer cannot drift apart unnoticed.
 *
 * <p>Each golden document has a fixed event id: a consumer that de-duplicates applies it once per
 * database. To send it again as a different event, take {@link #goldenTree} and set a new {@code id}.
 */
public final class EventContracts {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The golden envelope of an event type, e.g. {@code golden("message.created")}, exactly as stored. */
    public static String golden(String type) {
        String resource = "/contracts/" + type + ".json";
        try (InputStream in = EventContracts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden contract " + resource + " (known types: "
                        + EventType.all().stream().map(EventType::name).sorted().toList() + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String golden(EventType<?> type) {
        return golden(type.name());
    }

    /** A copy of the golden envelope to change before sending (a new id, other ids in the payload). */
    public static ObjectNode goldenTree(EventType<?> type) {
        return (ObjectNode) JSON.readTree(golden(type));
    }

    private EventContracts() {}
}
