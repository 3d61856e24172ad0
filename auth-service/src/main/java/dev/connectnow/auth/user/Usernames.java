package dev.connectnow.auth.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Usernames are 3-32 characters of {@code [a-z0-9_.-]}, compared case-insensitively and stored lower-case.
 * Input is checked against the ASCII pattern before lower-casing, so look-alikes such as the Kelvin sign
 * (which Java lower-cases to {@code k}) are refused rather than folded into someone else's name.
 */
public final class Usernames {

    /** What a client may send: either case. */
    public static final String INPUT_PATTERN = "^[A-Za-z0-9_.-]{3,32}$";

    private static final Pattern INPUT = Pattern.compile(INPUT_PATTERN);

    /** The stored form of a valid username, or empty when the input cannot be a username. */
    public static Optional<String> normalize(String input) {
        if (input == null || !INPUT.matcher(input).matches()) {
            return Optional.empty();
        }
        return Optional.of(input.toLowerCase(Locale.ROOT));
    }

    public static boolean isValid(String input) {
        return normalize(input).isPresent();
    }

    private Usernames() {}
}
