package dev.connectnow.workspace.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void wildcardsAndTheEscapeCharacterAreEscaped() {
        assertThat(LikePatterns.escape("100%")).isEqualTo("100\\%");
        assertThat(LikePatterns.escape("a_b")).isEqualTo("a\\_b");
        assertThat(LikePatterns.escape("back\\slash")).isEqualTo("back\\\\slash");
        assertThat(LikePatterns.escape("' OR 1=1--")).isEqualTo("' OR 1=1--");
    }

    @Test
    void containsPatternIsLowerCasedAndWrapped() {
        assertThat(LikePatterns.containsIgnoringCase("Ab%")).isEqualTo("%ab\\%%");
    }
}
