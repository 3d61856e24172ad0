package dev.connectnow.message.attachment;

import java.nio.charset.StandardCharsets;

/**
 * File names as clients send them are untrusted: stored cleaned, and sent back in a {@code Content-Disposition}
 * that no name can break (RFC 6266: an ASCII {@code filename} fallback plus {@code filename*} in UTF-8).
 */
final class FileNames {

    static final int MAX_LENGTH = 255;

    /**
     * The last path segment, without control characters or bidirectional overrides (which make
     * {@code "invoice\u202Efdp.exe"} look like a PDF), trimmed and at most 255 code points; "file" if nothing
     * is left.
     */
    static String clean(String original) {
        if (original == null) {
            return "file";
        }
        String name = original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
        StringBuilder cleaned = new StringBuilder();
        name.codePoints()
                .filter(cp -> !Character.isISOControl(cp) && !isBidiControl(cp) && Character.isDefined(cp))
                .limit(MAX_LENGTH)
                .forEach(cleaned::appendCodePoint);
        String result = cleaned.toString().strip();
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
    }

    /** {@code inline} or {@code attachment}, with both filename parameters. */
    static String contentDisposition(String type, String fileName) {
        return type + "; filename=\"" + asciiFallback(fileName) + "\"; filename*=UTF-8''" + percentEncode(fileName);
    }

    private static String asciiFallback(String name) {
        StringBuilder ascii = new StringBuilder();
        name.codePoints()
                .forEach(cp -> ascii.append(cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\' ? (char) cp : '_'));
        return ascii.toString();
    }

    /** RFC 5987 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else percent-encoded as UTF-8. */
    private static String percentEncode(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x200E
                || cp == 0x200F
                || cp == 0x061C
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    private FileNames() {}
}
