package dev.connectnow.gateway.logging;

/** Exchange attribute names shared by the gateway's filters. */
public final class RequestAttributes {

    /** The authenticated user id (JWT {@code sub}), set once the token is validated. */
    public static final String USER_ID = "connectnow.userId";

    /** The client IP (TCP peer address). */
    public static final String CLIENT_IP = "connectnow.clientIp";

    /** The request path as the client sent it (before forwards and rewrites). */
    public static final String ORIGINAL_PATH = "connectnow.originalPath";

    private RequestAttributes() {}
}
