package dev.connectnow.auth.sso;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The profile of an account provisioned from a provider's claims. Pure.
 *
 * <ul>
 *   <li>Username: from {@code preferred_username}, else the e-mail's local part, else {@code name}; the part
 *       before an {@code @} (providers that use addresses as usernames); accents dropped, lower-cased, every run of
 *       other characters turned into {@code _}, separators trimmed from the ends, at most 32 characters;
 *       {@code user} when fewer than 3 remain. When taken, {@code -2} ... {@code -4}, then random suffixes.</li>
 *   <li>Display name: {@code name}, else given and family name, else {@code preferred_username}, else the
 *       username; control characters removed, white space collapsed, at most 64 code points.</li>
 * </ul>
 */
public final class ProvisionedProfile {

    static final int MAX_USERNAME = 32;
    static final int MAX_DISPLAY_NAME = 64;
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALLOWED = Pattern.compile("[^a-z0-9_.-]+");
    private static final Pattern EDGE_SEPARATORS = Pattern.compile("^[_.-]+|[_.-]+$");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static String usernameBase(String preferredUsername, String email, String name) {
        String source = Stream.of(preferredUsername, email, name)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse("");
        int at = source.indexOf('@');
        if (at >= 0) {
            source = source.substring(0, at);
        }
        String ascii = COMBINING_MARKS
                .matcher(Normalizer.normalize(source, Normalizer.Form.NFKD))
                .replaceAll("");
        String cleaned = NOT_ALLOWED.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("_");
        cleaned = EDGE_SEPARATORS.matcher(cleaned).replaceAll("");
        cleaned = cut(cleaned, MAX_USERNAME);
        cleaned = EDGE_SEPARATORS.matcher(cleaned).replaceAll("");
        return cleaned.length() < 3 ? "user" : cleaned;
    }

    /** The base first, then numbered, then random variants, each a valid username. */
    public static List<String> usernameCandidates(String base, RandomGenerator random) {
        List<String> candidates = new ArrayList<>();
        candidates.add(base);
        for (int n = 2; n <= 4; n++) {
            candidates.add(withSuffix(base, "-" + n));
        }
        for (int i = 0; i < 5; i++) {
            StringBuilder suffix = new StringBuilder("-");
            for (int c = 0; c < 6; c++) {
                suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
            }
            candidates.add(withSuffix(base, suffix.toString()));
        }
        return candidates;
    }

    public static String displayName(
            String name, String givenName, String familyName, String preferredUsername, String username) {
        String given = clean(givenName);
        String family = clean(familyName);
        return Stream.of(clean(name), clean(given + " " + family), clean(preferredUsername))
                .filter(value -> !value.isEmpty())
                .findFirst()
                .map(value -> cutCodePoints(value, MAX_DISPLAY_NAME))
                .orElse(username);
    }

    private static String withSuffix(String base, String suffix) {
        return cut(base, MAX_USERNAME - suffix.length()) + suffix;
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String visible = CONTROL.matcher(value).replaceAll("");
        return WHITESPACE.matcher(visible).replaceAll(" ").strip();
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String cutCodePoints(String value, int max) {
        if (value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max)).strip();
    }

    private ProvisionedProfile() {}
}
