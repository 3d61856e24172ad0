package dev.connectnow.realtime.protocol;

/** The operation names of the WebSocket protocol (api.md, Real-time); {@code op} of every frame. */
public enum Op {
    HELLO,
    IDENTIFY,
    READY,
    EVENT,
    HEARTBEAT,
    HEARTBEAT_ACK,
    RESUME,
    RESUMED,
    INVALID_SESSION,
    TYPING,
    ACTIVITY,
    PRESENCE_SUBSCRIBE
}
