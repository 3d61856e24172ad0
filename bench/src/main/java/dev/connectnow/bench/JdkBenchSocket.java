package dev.connectnow.bench;

import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;

/**
 * A bench client's WebSocket on the JDK's client, for the benches that connect to realtime-service directly
 * ({@code realtime}, {@code presence-delivery}): with {@link BenchSockets} their sockets were closed 4001
 * ("IDENTIFY not received in time") at stop 34, not yet explained; {@code realtime-e2e}, through the gateway, uses
 * {@link BenchSocket}. As that one: assembles each text frame (the JDK may hand one over in parts), notes when it
 * arrived, checks that the {@code s} of EVENT frames rises by exactly one, and passes the frame on whole; a close
 * or an error ends it. Demand is one frame at a time, as the clients read as fast as frames come.
 */
abstract class JdkBenchSocket implements WebSocket.Listener {

    static final String EVENT_PREFIX = EventSequence.EVENT_PREFIX;

    final EventSequence sequence = new EventSequence();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    /** A whole text frame, with the {@link System#nanoTime()} it arrived at. */
    protected abstract void frame(WebSocket webSocket, String frame, long arrivalNanos);

    /**
     * The socket closed ({@code why}: its close code and reason) or failed ({@code why}: the error): whatever
     * waits on it must stop waiting.
     */
    protected abstract void ended(String why, Throwable cause);

    /** The highest {@code s} received so far (0 before any event). */
    protected long lastSeq() {
        return sequence.last();
    }

    /** The open socket, or null before it opened. */
    protected WebSocket socket() {
        return socket;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            long arrival = System.nanoTime();
            String frame = partial.toString();
            partial.setLength(0);
            sequence.check(frame);
            frame(webSocket, frame, arrival);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        String why = statusCode + " " + reason;
        ended(why, new IllegalStateException("closed " + why));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended(error.toString(), error);
    }

    /** Drops the connection without a close handshake. */
    void abort() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }
}
