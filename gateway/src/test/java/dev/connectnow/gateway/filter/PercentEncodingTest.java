package dev.connectnow.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentEncodingTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "/api/workspaces",
                "limit=10&cursor=abc",
                "q=caf%C3%A9%20%E2%82%AC&x=a+b",
                "/api/messages/1/reactions/%F0%9F%91%8D", // 4-byte sequence
                "q=%EF%BF%BF", // U+FFFF is a noncharacter, but valid UTF-8
                "q=%F4%8F%BF%BF", // U+10FFFF, the last code point
                "q=%25%2F%3F", // escaped reserved characters
                "q=%0A%09" // control characters other than NUL are the services' business
            })
    void wellFormedUtf8IsValid(String raw) {
        assertThat(PercentEncoding.isValid(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "q=%FF", // never part of UTF-8
                "q=%80", // continuation byte on its own
                "q=%C3", // truncated
                "q=%E2%82", // truncated
                "q=%C0%AF", // overlong '/'
                "q=%E0%80%AF", // overlong '/', three bytes
                "q=%ED%A0%80", // UTF-16 high surrogate
                "q=%ED%BF%BF", // UTF-16 low surrogate
                "q=%F4%90%80%80", // beyond U+10FFFF
                "q=%00", // NUL
                "q=a%00b",
                "q=%zz", // not an escape
                "q=100%",
                "q=%4",
                "q=caf\u00e9", // not ASCII: must be percent-encoded
                "q=\u00c3\u00a9", // UTF-8 bytes read as Latin-1
                "q=a b",
                "q=\u0000"
            })
    void anythingElseIsNot(String raw) {
        assertThat(PercentEncoding.isValid(raw)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/users/%C0%AF", "/api/workspaces/%ED%A0%80/members", "/api/x%FF"})
    void pathsAreCheckedTheSameWay(String raw) {
        assertThat(PercentEncoding.isValid(raw)).isFalse();
    }
}
