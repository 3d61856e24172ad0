package dev.connectnow.gateway.security;

import org.jspecify.annotations.Nullable;

/**
 * The character rules of Spring Security's {@code StrictServerWebExchangeFirewall} for header names, header values
 * and parameter names, decided per code point instead of by its regular expressions
 * ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, and the same with a tab allowed for header values). Those ran over
 * every header the edge reads, the ~800-character access token included: 3.9 % of the edge's event-loop samples in
 * {@code bench gateway}'s profile. {@code HeaderCharactersTest} holds them to the firewall's own predicates over every
 * code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /** A header or parameter name: assigned code points, no control characters. */
    static boolean isAllowedName(@Nullable String name) {
        return allAllowed(name, false);
    }

    /** A header value: assigned code points, no control characters but the tab. */
    static boolean isAllowedHeaderValue(@Nullable String value) {
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
