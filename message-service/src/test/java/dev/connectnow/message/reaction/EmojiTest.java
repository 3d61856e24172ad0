package dev.connectnow.message.reaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "👍",
                "👍🏽",
                "❤️",
                "👨‍👩‍👧‍👦",
                "🏳️‍🌈",
                "🇯🇵",
                "1️⃣",
                "#⃣",
                "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
                "☕",
                "©️",
                ":tada:",
                ":+1:",
                ":party-parrot_2:"
            })
    void acceptsOneEmojiOrAShortcode(String emoji) {
        assertThat(Emoji.normalize(emoji)).isEqualTo(emoji);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "a",
                "1",
                "é",
                " 👍",
                "👍 ",
                "👍👍",
                "🇯🇵🇫🇷",
                "::",
                ":a b:",
                ":ünï:",
                "\u202E",
                "\u200D",
                "<b>",
                ":x"
            })
    void refusesEverythingElse(String emoji) {
        assertThatThrownBy(() -> Emoji.normalize(emoji)).isInstanceOf(ApiException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {":TADA:", ":Tada:"})
    void shortcodesAreCaseInsensitive(String emoji) {
        assertThat(Emoji.normalize(emoji)).isEqualTo(":tada:");
    }
}
