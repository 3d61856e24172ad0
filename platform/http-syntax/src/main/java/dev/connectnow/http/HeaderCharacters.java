package dev.connectnow.http;

import org.jspecify.annotations.Nullable;

/**
 * The character rules of Spring Security's strict firewalls (the servlet {@code StrictHttpFirewall} and the reactive
 * {@code StrictServerWebExchangeFirewall} have the same) for header names, header values and parameter names, decided
 * per code point instead of by their regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and the same
 * with a tab allowed for header values). Those ran over every header read, the ~800-character access token included:
 * 3.9 % of the edge's event-loop samples, and with the bearer token's expression 12 % of auth-service's samples
 * (docs/benchmarks.md, gateway). {@code HeaderCharactersTest} holds them to both firewalls' own predicates over every
 * code point.
 */
public final class HeaderCharacters {

    private HeaderCharacters() {}

    /** A header or parameter name: assigned code points, no control characters. */
    public static boolean isAllowedName(@Nullable String name) {
        return allAllowed(name, false);
    }

    /** A header value: assigned code points, no control characters but the tab. */
    public static boolean isAllowedHeaderValue(@Nullable String value) {
        return allAllowed(value, true);
    }

    private static boolean allAllowed(@Nullable String text, boolean tabAllowed) {
        if (text == null) {
            return true; // an absent header: the firewall asks about the value of every lookup
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
