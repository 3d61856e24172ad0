package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class TextSafetyModuleTest {

    @Test
    void everyRealCharacterIsAccepted() {
        for (String text : new String[] {"", "plain", "Zoë", "😀", "👩‍👩‍👧", "\u202Eevil", "\uFFFD"}) {
            assertThat(TextSafetyModule.problemOf(text)).as(text).isNull();
        }
    }

    @Test
    void nulAndUnpairedSurrogatesAreRefused() {
        assertThat(TextSafetyModule.problemOf("a\u0000b")).contains("NUL");
        assertThat(TextSafetyModule.problemOf("a\uD800b")).contains("surrogate");
        assertThat(TextSafetyModule.problemOf("\uDC00")).contains("surrogate");
        assertThat(TextSafetyModule.problemOf("end\uD83D")).contains("surrogate");
        assertThat(TextSafetyModule.problemOf("\uDE00\uD83D"))
                .as("pair in the wrong order")
                .contains("surrogate");
    }

    @Test
    void valuesAndFieldNamesAreCheckedWhileParsing() {
        JsonMapper json = JsonMapper.builder().addModule(new TextSafetyModule()).build();
        TypeReference<Map<String, String>> map = new TypeReference<>() {};

        assertThatThrownBy(() -> json.readValue("{\"text\": \"a\\ud800b\"}", map))
                .isInstanceOf(InvalidTextException.class)
                .hasMessageContaining("'text' must not contain unpaired surrogates");
        assertThatThrownBy(() -> json.readValue("{\"a\\ud800\": \"x\"}", map))
                .isInstanceOf(InvalidTextException.class)
                .hasMessageContaining("field name");
        assertThat(json.readValue("{\"😀\": \"👩‍👩‍👧\"}", map)).containsEntry("😀", "👩‍👩‍👧");
    }
}
