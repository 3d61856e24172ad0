package dev.connectnow.presence.connection;

/** Why a socket row is closed (a tombstone); a live socket has none. */
public enum ClosedReason {
    /** Its disconnect event arrived: final, a socket id is never reused. */
    DISCONNECTED,
    /**
     * A heartbeat of its instance left it out, or its connect could not be confirmed (instance dead, or older
     * than a heartbeat that did not list it): undone by a newer heartbeat that lists it.
     */
    ABSENT,
    /** Its instance's lease ran out or the instance stopped: undone by a newer heartbeat that lists it. */
    EXPIRED;

    public boolean isFinal() {
        return this == DISCONNECTED;
    }
}
