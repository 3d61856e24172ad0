package dev.connectnow.workspace.member;

import java.util.Locale;

/**
 * Builds LIKE patterns from user text so that it is matched literally: {@code \}, {@code %} and {@code _}
 * are escaped with the backslash the queries declare as their ESCAPE character. The pattern is always a
 * bind parameter, never part of the SQL text.
 */
public final class LikePatterns {

    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** Case-insensitive "contains" (the query lower-cases the column the same way). */
    public static String containsIgnoringCase(String text) {
        return "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
    }

    private LikePatterns() {}
}
