package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The chassis' reading of request bodies: StrictJson with TextSafetyModule, as a service's mapper has them. */
class StrictJsonTest {

    record Body(
            String content, long version, Boolean muted, BigDecimal amount, UUID id, Instant at, List<String> tags) {}

    private final JsonMapper json = json();

    private static JsonMapper json() {
        JsonMapper.Builder builder = JsonMapper.builder().addModule(new TextSafetyModule());
        new StrictJson().customize(builder);
        return builder.build();
    }

    @Test
    void valuesOfTheirOwnTypeAreRead() {
        Body body = json.readValue("""
                {"content": "x", "version": 3, "muted": true, "amount": 2, "id": "01a2495d-0f41-7453-b415-f3231f5aa39b",
                 "at": "2026-12-06T03:00:00Z", "tags": ["a", "b"]}""", Body.class);
        assertThat(body.content()).isEqualTo("x");
        assertThat(body.version()).isEqualTo(3);
        assertThat(body.muted()).isTrue();
        assertThat(body.amount()).as("an integer where a decimal is expected").isEqualByComparingTo("2");
        assertThat(body.tags()).containsExactly("a", "b");
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNotConverted() {
        for (String wrong : List.of(
                "{\"content\": 123}",
                "{\"content\": 1e400}",
                "{\"content\": true}",
                "{\"tags\": [1]}",
                "{\"version\": \"1\"}",
                "{\"version\": 1.5}",
                "{\"muted\": \"yes\"}",
                "{\"muted\": 1}",
                "{\"amount\": \"2\"}")) {
            assertThatThrownBy(() -> json.readValue(wrong, Body.class))
                    .as(wrong)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void aFieldNamedTwiceIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"content\": \"x\", \"content\": \"y\"}", Body.class))
                .isInstanceOf(StreamReadException.class)
                .hasMessageContaining("Duplicate Object property \"content\"");
    }
}
