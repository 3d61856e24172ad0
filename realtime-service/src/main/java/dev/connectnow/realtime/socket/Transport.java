package dev.connectnow.realtime.socket;

/**
 * The network side of one WebSocket, as the protocol engine sees it. Implementations never block the caller
 * and report the socket's end once, asynchronously (never from within a call the engine makes, {@code attach}
 * included: the hub registers a connection only after attaching it), through
 * {@link SocketConnection#transportClosed(int)}.
 */
public interface Transport {

    /** The connection whose frames this transport writes; called once, before any other method. */
    void attach(SocketConnection connection);

    /** Frames wait in the connection's queue: take them ({@link SocketConnection#nextFrame()}) while writable. */
    void framesWaiting();

    /** Sends a close frame with this code and reason, then closes the connection. */
    void close(int code, String reason);
}
