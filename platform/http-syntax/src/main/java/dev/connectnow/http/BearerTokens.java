package dev.connectnow.http;

import org.jspecify.annotations.Nullable;

/**
 * The bearer token of an {@code Authorization} header, read as Spring Security's bearer-token readers read it (the
 * servlet {@code DefaultBearerTokenResolver}, the reactive {@code ServerBearerTokenAuthenticationConverter}): a header
 * that starts with "bearer" in any case is a bearer header; its token is RFC 6750's {@code b64token} after
 * "Bearer " — one or more token characters, then any {@code =} — and anything else is malformed. Without their
 * regular expression, which ran over the ~800-character token on every request (docs/benchmarks.md, gateway).
 */
public final class BearerTokens {

    private static final String SCHEME = "Bearer ";

    private BearerTokens() {}

    /** Whether the header claims the bearer scheme (then its token is {@link #tokenOf} or it is malformed). */
    public static boolean isBearer(@Nullable String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1);
    }

    /** The token of {@code Bearer <b64token>}, or null when the header is not of that form. */
    public static @Nullable String tokenOf(String authorization) {
        int start = SCHEME.length();
        if (!authorization.regionMatches(true, 0, SCHEME, 0, start)) {
            return null;
        }
        int padding = authorization.length();
        while (padding > start && authorization.charAt(padding - 1) == '=') {
            padding--;
        }
        if (padding == start) {
            return null;
        }
        for (int i = start; i < padding; i++) {
            if (!isTokenCharacter(authorization.charAt(i))) {
                return null;
            }
        }
        return authorization.substring(start);
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
