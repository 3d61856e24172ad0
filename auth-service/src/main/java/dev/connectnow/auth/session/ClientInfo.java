package dev.connectnow.auth.session;

/**
 * Where a request came from, as recorded on the session it opens or refreshes.
 *
 * @param ipAddress the client address (rightmost X-Forwarded-For hop appended by our own proxy)
 * @param userAgent the User-Agent header, cut to 512 characters
 */
public record ClientInfo(String ipAddress, String userAgent) {

    public static final int MAX_USER_AGENT = 512;
    public static final int MAX_IP_ADDRESS = 64;

    public ClientInfo {
        ipAddress = cut(ipAddress, MAX_IP_ADDRESS);
        userAgent = cut(userAgent, MAX_USER_AGENT);
    }

    /** Cuts at a code point boundary and drops NUL, which PostgreSQL text cannot hold. */
    static String cut(String value, int maxCodePoints) {
        if (value == null) {
            return null;
        }
        String clean = value.replace("\u0000", "");
        if (clean.codePointCount(0, clean.length()) <= maxCodePoints) {
            return clean;
        }
        return clean.substring(0, clean.offsetByCodePoints(0, maxCodePoints));
    }
}
