package dev.connectnow.chassis.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodePointsValidatorTest {

    @CodePoints(min = 1, max = 3)
    private final String annotated = null;

    @Test
    void countsCodePointsNotUtf16Units() throws Exception {
        CodePointsValidator validator = new CodePointsValidator();
        validator.initialize(getClass().getDeclaredField("annotated").getAnnotation(CodePoints.class));

        assertThat(validator.isValid("😀😀😀", null))
                .as("three emoji are three characters")
                .isTrue();
        assertThat(validator.isValid("abcd", null)).isFalse();
        assertThat(validator.isValid("", null)).isFalse();
        assertThat(validator.isValid(null, null)).as("null is left to @NotNull").isTrue();
    }
}
