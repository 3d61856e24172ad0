package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8ValidatorTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"", "plain ASCII", "Zoë", "€", "中文", "😀", "👩‍👩‍👧", "RTL \u202E", "\uFFFD", "\uD7FF\uE000"})
    void everyCharacterEncodedByJavaIsValid(String text) {
        assertThat(Utf8Validator.isValid(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void theBoundariesOfEachSequenceLengthAreValid() {
        assertThat(Utf8Validator.isValid(bytes(0x7F))).isTrue();
        assertThat(Utf8Validator.isValid(bytes(0xC2, 0x80))).isTrue(); // U+0080
        assertThat(Utf8Validator.isValid(bytes(0xE0, 0xA0, 0x80))).isTrue(); // U+0800
        assertThat(Utf8Validator.isValid(bytes(0xED, 0x9F, 0xBF))).isTrue(); // U+D7FF
        assertThat(Utf8Validator.isValid(bytes(0xF0, 0x90, 0x80, 0x80))).isTrue(); // U+10000
        assertThat(Utf8Validator.isValid(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isTrue(); // U+10FFFF
    }

    @Test
    void overlongFormsAreInvalid() {
        assertThat(Utf8Validator.isValid(bytes(0xC0, 0xAF)))
                .as("'/' in two bytes")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xC1, 0xBF))).isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xE0, 0x80, 0xAF)))
                .as("'/' in three bytes")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xE0, 0x9F, 0xBF))).isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xF0, 0x80, 0x80, 0xAF)))
                .as("'/' in four bytes")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xF0, 0x8F, 0xBF, 0xBF))).isFalse();
    }

    @Test
    void encodedSurrogatesAndCodePointsBeyondUnicodeAreInvalid() {
        assertThat(Utf8Validator.isValid(bytes(0xED, 0xA0, 0x80)))
                .as("U+D800 (CESU-8)")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xED, 0xBF, 0xBF))).as("U+DFFF").isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xF4, 0x90, 0x80, 0x80)))
                .as("U+110000")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xF5, 0x80, 0x80, 0x80))).isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xFF))).isFalse();
    }

    @Test
    void strayMissingAndTruncatedContinuationBytesAreInvalid() {
        assertThat(Utf8Validator.isValid(bytes(0x80)))
                .as("continuation without a lead")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xC3, 0x41)))
                .as("lead followed by ASCII")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xE2, 0x82)))
                .as("truncated at the end")
                .isFalse();
        assertThat(Utf8Validator.isValid(bytes(0xF0, 0x9F, 0x98))).isFalse();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
