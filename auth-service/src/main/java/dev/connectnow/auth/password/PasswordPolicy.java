package dev.connectnow.auth.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a new password must satisfy (OWASP ASVS 5.0 V6.2 / NIST SP 800-63B): at least 8 and at most 128
 * characters counted in code points, any characters allowed (spaces, emoji, every script; nothing is
 * truncated or composed away), not one of the well-known common passwords, and not the account's own
 * username or e-mail address. No composition rules ("one digit, one symbol"): they do not make passwords
 * stronger, only harder to remember.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private final CommonPasswords common;

    public PasswordPolicy(CommonPasswords common) {
        this.common = common;
    }

    /**
     * The reasons the password is refused, empty when it is acceptable.
     *
     * @param identities the account's username and e-mail; the password may not equal either
     */
    public List<String> violations(String password, String... identities) {
        List<String> problems = new ArrayList<>();
        if (password == null || password.isEmpty()) {
            problems.add("must not be empty");
            return problems;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            problems.add("must be at least " + MIN_LENGTH + " characters long");
        }
        if (length > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters long");
        }
        if (problems.isEmpty() && common.contains(password)) {
            problems.add("is too common; choose a password that others are unlikely to use");
        }
        if (problems.isEmpty()) {
            String lower = password.toLowerCase(Locale.ROOT);
            for (String identity : identities) {
                if (identity != null && !identity.isEmpty() && lower.equals(identity.toLowerCase(Locale.ROOT))) {
                    problems.add("must not be your username or e-mail address");
                    break;
                }
            }
        }
        return problems;
    }
}
