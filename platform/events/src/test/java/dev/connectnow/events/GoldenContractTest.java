package dev.connectnow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event contract cannot drift: every event type's sample, serialized, must equal its golden file
 * ({@code contracts/<type>.json}), and the golden file must read back into the same payload. A renamed,
 * retyped, added or removed field fails here first; consumers' tests read the same files through the test kit
 * ({@code EventContracts}). {@code -Dcontracts.update=true} rewrites the files from the samples, to review.
 */
class GoldenContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path SOURCE_DIR = Path.of("src/test/resources/contracts");

    @TestFactory
    Stream<DynamicTest> everyEventTypeMatchesItsGoldenFile() {
        return EventType.all().stream()
                .sorted(Comparator.comparing(EventType::name))
                .map(type -> DynamicTest.dynamicTest(type.name(), () -> matchesGoldenFile(type)));
    }

    private static <T> void matchesGoldenFile(EventType<T> type) throws IOException {
        assertThat(EventSamples.of(type))
                .as("EventSamples has an example of %s", type)
                .isNotNull();
        EventEnvelope<T> sample = EventSamples.envelope(type);
        String serialized = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sample);
        String golden;
        if (Boolean.getBoolean("contracts.update")) {
            Files.createDirectories(SOURCE_DIR);
            golden = serialized + "\n";
            Files.writeString(SOURCE_DIR.resolve(type.name() + ".json"), golden, StandardCharsets.UTF_8);
        } else {
            golden = golden(type);
        }
        assertThat(JSON.readTree(serialized))
                .as("%s serializes exactly as contracts/%s.json", type, type)
                .isEqualTo(JSON.readTree(golden));

        JsonNode data = JSON.readTree(golden).get("data");
        assertThat(JSON.treeToValue(data, type.payloadType()))
                .as("contracts/%s.json reads back", type)
                .isEqualTo(EventSamples.of(type).data());
    }

    private static String golden(EventType<?> type) throws IOException {
        try (InputStream in = GoldenContractTest.class.getResourceAsStream("/contracts/" + type.name() + ".json")) {
            assertThat(in).as("golden file contracts/%s.json exists", type).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
