package dev.connectnow.gateway.filter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether the path or query of a request target is well-formed percent-encoded UTF-8 (RFC 3986 with UTF-8 as
 * the services read it): ASCII only, every {@code %} followed by two hex digits, and the decoded bytes valid
 * UTF-8 — no stray continuation bytes (e.g. {@code %FF}), truncated sequences, overlong forms
 * ({@code %C0%AF}), UTF-16 surrogates ({@code %ED%A0%80}) or code points beyond U+10FFFF — and no NUL, which
 * no text column or identifier of the platform can hold.
 */
public final class PercentEncoding {

    private PercentEncoding() {}

    /** {@code null} or empty counts as valid (no query). */
    public static boolean isValid(String raw) {
        if (raw == null) {
            return true;
        }
        boolean escaped = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                return false;
            }
            escaped |= c == '%';
        }
        return !escaped || decodesToUtf8(raw);
    }

    private static boolean decodesToUtf8(String raw) {
        byte[] bytes = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                int b = (high << 4) | low;
                if (b == 0) {
                    return false;
                }
                bytes[length++] = (byte) b;
                i += 2;
            } else {
                bytes[length++] = (byte) c;
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException ex) {
            return false;
        }
    }
}
