package dev.connectnow.chassis.data;

import java.util.Locale;

/**
 * Builds SQL {@code LIKE} patterns from user text so that it is matched literally: {@code \}, {@code %} and
 * {@code _} are escaped with a backslash, which is PostgreSQL's default escape character (queries may also
 * say {@code ESCAPE '\'} to be explicit). The pattern is always a bind parameter, never part of the SQL
 * text.
 *
 * <pre>{@code
 * where lower(m.content) like :pattern      -- pattern = LikePatterns.containsIgnoringCase(query)
 * }</pre>
 */
public final class LikePatterns {

    /** The text with every LIKE wildcard and the escape character itself escaped. */
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

    /** "contains", case-sensitive. */
    public static String contains(String text) {
        return "%" + escape(text) + "%";
    }

    /** "starts with", case-sensitive. */
    public static String startsWith(String text) {
        return escape(text) + "%";
    }

    /** Case-insensitive "contains": the query lower-cases the column the same way ({@code lower(column)}). */
    public static String containsIgnoringCase(String text) {
        return contains(text.toLowerCase(Locale.ROOT));
    }

    /** Case-insensitive "starts with" ({@code lower(column) like :pattern}). */
    public static String startsWithIgnoringCase(String text) {
        return startsWith(text.toLowerCase(Locale.ROOT));
    }

    private LikePatterns() {}
}
