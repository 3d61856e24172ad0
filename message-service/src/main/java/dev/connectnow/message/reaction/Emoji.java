package dev.connectnow.message.reaction;

import dev.connectnow.chassis.web.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What counts as a reaction: one real emoji — a single grapheme cluster built only of emoji code points and
 * their joiners, variation selectors, skin tones, keycaps and tags (ZWJ families, flags, "👍🏽", "1️⃣" included)
 * — or a custom {@code :shortcode:} of 1-50 of {@code [a-z0-9_+-]} (stored lower-case). Everything else,
 * letters, whitespace, two emoji in one, is a 400. Pure.
 */
public final class Emoji {

    static final int MAX_CODE_POINTS = 16;
    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]{1,50}:");
    private static final Pattern ONE_GRAPHEME = Pattern.compile("\\X");

    /** The stored form of a reaction, or 400 on {@code emoji}. */
    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            throw invalid();
        }
        if (raw.startsWith(":")) {
            String code = raw.toLowerCase(Locale.ROOT);
            if (SHORTCODE.matcher(code).matches()) {
                return code;
            }
            throw invalid();
        }
        if (raw.codePointCount(0, raw.length()) > MAX_CODE_POINTS
                || !ONE_GRAPHEME.matcher(raw).matches()
                || !isEmojiSequence(raw)) {
            throw invalid();
        }
        return raw;
    }

    static boolean isEmojiSequence(String text) {
        int[] cps = text.codePoints().toArray();
        int first = cps[0];
        boolean keycap = (first == '#' || first == '*' || (first >= '0' && first <= '9'));
        if (keycap) {
            // 1️⃣ : base, optional VS16, combining enclosing keycap
            return (cps.length == 2 && cps[1] == 0x20E3) || (cps.length == 3 && cps[1] == 0xFE0F && cps[2] == 0x20E3);
        }
        if (!isPictographic(first) && !isRegionalIndicator(first)) {
            return false;
        }
        for (int i = 1; i < cps.length; i++) {
            int cp = cps[i];
            if (!(isPictographic(cp) || isRegionalIndicator(cp) || isComponent(cp))) {
                return false;
            }
        }
        return true;
    }

    /** Code points that are emoji on their own (Extended_Pictographic blocks of Unicode 15). */
    static boolean isPictographic(int cp) {
        return cp == 0x00A9
                || cp == 0x00AE
                || cp == 0x203C
                || cp == 0x2049
                || cp == 0x2122
                || cp == 0x2139
                || (cp >= 0x2194 && cp <= 0x2199)
                || (cp >= 0x21A9 && cp <= 0x21AA)
                || (cp >= 0x231A && cp <= 0x231B)
                || cp == 0x2328
                || cp == 0x23CF
                || (cp >= 0x23E9 && cp <= 0x23F3)
                || (cp >= 0x23F8 && cp <= 0x23FA)
                || cp == 0x24C2
                || (cp >= 0x25AA && cp <= 0x25AB)
                || cp == 0x25B6
                || cp == 0x25C0
                || (cp >= 0x25FB && cp <= 0x25FE)
                || (cp >= 0x2600 && cp <= 0x27BF)
                || (cp >= 0x2934 && cp <= 0x2935)
                || (cp >= 0x2B05 && cp <= 0x2B07)
                || (cp >= 0x2B1B && cp <= 0x2B1C)
                || cp == 0x2B50
                || cp == 0x2B55
                || cp == 0x3030
                || cp == 0x303D
                || cp == 0x3297
                || cp == 0x3299
                || (cp >= 0x1F000 && cp <= 0x1F1E5)
                || (cp >= 0x1F200 && cp <= 0x1F3FA)
                || (cp >= 0x1F400 && cp <= 0x1FAFF);
    }

    static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Joiner, variation selectors, skin-tone modifiers, keycap, tag characters (subdivision flags). */
    static boolean isComponent(int cp) {
        return cp == 0x200D
                || cp == 0xFE0F
                || cp == 0xFE0E
                || cp == 0x20E3
                || (cp >= 0x1F3FB && cp <= 0x1F3FF)
                || (cp >= 0xE0020 && cp <= 0xE007F);
    }

    private static ApiException invalid() {
        return ApiException.invalidField(
                "emoji", "must be one emoji or a :shortcode: of 1-50 lower-case letters, digits, _, + or -");
    }

    private Emoji() {}
}
