package dev.connectnow.realtime.protocol;

/**
 * Every close code the server uses, and which of them leave the session resumable. The 4xxx codes are ours
 * (api.md); the 1xxx ones are RFC 6455's. "Restarting" and "try again later" are 4012 and 4013 rather than
 * the registered 1012 and 1013: Spring Cloud Gateway forwards only the close codes RFC 6455 itself defines
 * and 3000–4999, and turns any other into 1002 (protocol error), which would hide from clients behind the
 * gateway that they should simply reconnect.
 */
public final class CloseCodes {

    /** The client closed normally: it is done, its session ends. */
    public static final int NORMAL = 1000;
    /** A frame that breaks RFC 6455's framing: reserved bits or opcode, an unmasked client frame. */
    public static final int PROTOCOL_ERROR = 1002;
    /** A binary frame: the protocol is JSON text only. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A text frame whose bytes are not UTF-8 (RFC 6455 §8.1). */
    public static final int INVALID_PAYLOAD = 1007;
    /**
     * A frame that is not valid JSON (a member named twice included), an unknown op, a field of the wrong shape,
     * IDENTIFY twice.
     */
    public static final int POLICY_VIOLATION = 1008;
    /** A frame larger than the limit (4 KB). */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** Nothing heard from the client for two heartbeat intervals. */
    public static final int HEARTBEAT_TIMEOUT = 4000;
    /** No IDENTIFY/RESUME within the deadline, an invalid token, or a frame before authentication. */
    public static final int NOT_AUTHENTICATED = 4001;
    /** The user was banned or the token's session was revoked. */
    public static final int REVOKED = 4003;
    /** More client frames than the inbound rate allows. */
    public static final int RATE_LIMITED = 4008;
    /** The session was resumed on another socket; this one no longer carries it. */
    public static final int SESSION_INVALID = 4009;
    /** The outbound queue overflowed: the client reads too slowly. */
    public static final int TOO_SLOW = 4010;
    /** The instance stops (graceful shutdown) or does not accept sockets yet: reconnect at once. */
    public static final int SERVICE_RESTART = 4012;
    /**
     * The membership snapshot or the token's signing keys could not be loaded (an owning service is
     * unavailable): try again later.
     */
    public static final int TRY_AGAIN_LATER = 4013;

    /** Whether a socket closed with this code leaves its session open for RESUME (within the window). */
    public static boolean leavesSessionResumable(int code) {
        return switch (code) {
            case NORMAL, NOT_AUTHENTICATED, REVOKED, SESSION_INVALID -> false;
            default -> true;
        };
    }

    private CloseCodes() {}
}
