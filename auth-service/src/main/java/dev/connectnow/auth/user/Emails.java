package dev.connectnow.auth.user;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * E-mail addresses are stored as given and compared case-insensitively (PostgreSQL {@code lower(email)} is
 * the unique key). The format check is deliberately pragmatic: one {@code @}, a local part of at most 64
 * characters, a dotted domain, no whitespace or control characters, 254 characters in all (RFC 5321 path
 * limit). Whether the mailbox exists is not our business here: there is no verification flow yet.
 */
public final class Emails {

    public static final int MAX_LENGTH = 254;
    public static final String PATTERN = "^[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+$";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public static boolean isValid(String email) {
        return email != null
                && email.length() <= MAX_LENGTH
                && FORMAT.matcher(email).matches();
    }

    /** The comparison key; the database applies the same folding through {@code lower(email)}. */
    public static String comparisonKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }

    /** A login identifier is an e-mail address when it has an {@code @}; usernames cannot contain one. */
    public static boolean looksLikeEmail(String login) {
        return login.indexOf('@') >= 0;
    }

    private Emails() {}
}
