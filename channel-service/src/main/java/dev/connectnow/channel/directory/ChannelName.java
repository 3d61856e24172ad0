package dev.connectnow.channel.directory;

import dev.connectnow.chassis.web.ApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Channel names as Slack has them: lowercase, 1-80 of {@code [a-z0-9_-]}. Input is trimmed, lowercased and
 * runs of whitespace become one hyphen ("Team Chat" is stored as "team-chat"); anything else that is not
 * allowed is refused, never silently dropped.
 */
public final class ChannelName {

    public static final int MAX_LENGTH = 80;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9_-]{1," + MAX_LENGTH + "}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    /** The stored form of a requested name; a 400 naming {@code field} if it cannot be one. */
    public static String normalize(String requested, String field) {
        if (requested == null || requested.isBlank()) {
            throw ApiException.invalidField(field, "must not be blank");
        }
        String normalized =
                WHITESPACE.matcher(requested.trim().toLowerCase(Locale.ROOT)).replaceAll("-");
        if (normalized.codePointCount(0, normalized.length()) > MAX_LENGTH) {
            throw ApiException.invalidField(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(normalized).matches()) {
            throw ApiException.invalidField(field, "may contain only lowercase letters a-z, digits, '-' and '_'");
        }
        return normalized;
    }

    private ChannelName() {}
}
