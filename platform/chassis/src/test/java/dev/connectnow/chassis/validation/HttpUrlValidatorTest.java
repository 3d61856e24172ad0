package dev.connectnow.chassis.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpUrlValidatorTest {

    @Test
    void onlyAbsoluteHttpUrlsWithAHostPass() {
        assertThat(HttpUrlValidator.isHttpUrl("https://cdn.example.com/a.png?x=1"))
                .isTrue();
        assertThat(HttpUrlValidator.isHttpUrl("HTTP://example.com")).isTrue();
        assertThat(HttpUrlValidator.isHttpUrl("javascript:alert(1)")).isFalse();
        assertThat(HttpUrlValidator.isHttpUrl("data:image/png;base64,AAAA")).isFalse();
        assertThat(HttpUrlValidator.isHttpUrl("ftp://example.com/x")).isFalse();
        assertThat(HttpUrlValidator.isHttpUrl("//example.com/x")).isFalse();
        assertThat(HttpUrlValidator.isHttpUrl("https:///nohost")).isFalse();
        assertThat(HttpUrlValidator.isHttpUrl("https://exa mple.com")).isFalse();
        assertThat(HttpUrlValidator.isHttpUrl("https://example.com/" + "a".repeat(2048)))
                .isFalse();
    }
}
