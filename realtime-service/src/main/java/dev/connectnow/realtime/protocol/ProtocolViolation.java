package dev.connectnow.realtime.protocol;

/** A client broke the protocol; the socket is closed with {@link #closeCode()} and the reason. */
public final class ProtocolViolation extends RuntimeException {

    private final int closeCode;

    public ProtocolViolation(int closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
    }

    public static ProtocolViolation malformed(String reason) {
        return new ProtocolViolation(CloseCodes.POLICY_VIOLATION, reason);
    }

    public int closeCode() {
        return closeCode;
    }

    /** The close reason; a WebSocket close reason has at most 123 bytes. */
    public String reason() {
        return getMessage();
    }
}
