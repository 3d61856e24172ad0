package dev.connectnow.chassis.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void wildcardsAndTheEscapeCharacterAreMatchedLiterally() {
        assertThat(LikePatterns.escape("100%_done\\ok")).isEqualTo("100\\%\\_done\\\\ok");
        assertThat(LikePatterns.escape("plain text")).isEqualTo("plain text");
        assertThat(LikePatterns.escape("")).isEmpty();
    }

    @Test
    void patternsWrapTheEscapedText() {
        assertThat(LikePatterns.contains("a_b")).isEqualTo("%a\\_b%");
        assertThat(LikePatterns.startsWith("50%")).isEqualTo("50\\%%");
        assertThat(LikePatterns.containsIgnoringCase("ÄBC_")).isEqualTo("%äbc\\_%");
        assertThat(LikePatterns.startsWithIgnoringCase("Ada")).isEqualTo("ada%");
    }
}
