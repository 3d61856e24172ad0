package dev.connectnow.workspace.workspace;

import dev.connectnow.chassis.validation.HttpUrlValidator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shape rules of workspace fields. Lengths count Unicode code points, not UTF-16 units, so an emoji counts
 * as one character, as users (and PostgreSQL's varchar) count it. Each check returns the problem, if any,
 * in words fit for the caller.
 */
public final class WorkspaceRules {

    public static final int NAME_MAX = 80;
    public static final int SLUG_MIN = 3;
    public static final int SLUG_MAX = 48;
    public static final int DESCRIPTION_MAX = 1000;
    public static final int ICON_URL_MAX = 2048;
    public static final int NICKNAME_MAX = 80;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]*[a-z0-9])?");

    public static Optional<String> nameProblem(String name) {
        if (name == null) {
            return Optional.of("is required");
        }
        if (name.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (codePoints(name) > NAME_MAX) {
            return Optional.of("must be at most " + NAME_MAX + " characters");
        }
        return Optional.empty();
    }

    public static Optional<String> slugProblem(String slug) {
        if (slug == null) {
            return Optional.of("is required");
        }
        if (slug.length() < SLUG_MIN || slug.length() > SLUG_MAX) {
            return Optional.of("must be " + SLUG_MIN + " to " + SLUG_MAX + " characters");
        }
        if (!SLUG.matcher(slug).matches()) {
            return Optional.of("may contain only lowercase letters a-z, digits and hyphens, "
                    + "and must not start or end with a hyphen");
        }
        return Optional.empty();
    }

    /** Optional field: null means "no description". */
    public static Optional<String> descriptionProblem(String description) {
        if (description != null && codePoints(description) > DESCRIPTION_MAX) {
            return Optional.of("must be at most " + DESCRIPTION_MAX + " characters");
        }
        return Optional.empty();
    }

    /** Optional field: null means "no icon". Only absolute http(s) URLs with a host. */
    public static Optional<String> iconUrlProblem(String iconUrl) {
        if (iconUrl == null) {
            return Optional.empty();
        }
        if (codePoints(iconUrl) > ICON_URL_MAX) {
            return Optional.of("must be at most " + ICON_URL_MAX + " characters");
        }
        return HttpUrlValidator.isHttpUrl(iconUrl)
                ? Optional.empty()
                : Optional.of("must be an absolute http or https URL");
    }

    /** Optional field: null clears the nickname. */
    public static Optional<String> nicknameProblem(String nickname) {
        if (nickname == null) {
            return Optional.empty();
        }
        if (nickname.isBlank()) {
            return Optional.of("must not be blank (send null to clear it)");
        }
        if (codePoints(nickname) > NICKNAME_MAX) {
            return Optional.of("must be at most " + NICKNAME_MAX + " characters");
        }
        return Optional.empty();
    }

    static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    private WorkspaceRules() {}
}
