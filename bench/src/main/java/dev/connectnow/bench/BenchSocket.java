package dev.connectnow.bench;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A bench client's WebSocket: notes when each text frame arrived, checks that the {@code s} of EVENT frames rises
 * by exactly one, and passes the frame on; a close or an error ends it, once. Sockets are opened by a
 * {@link BenchSockets}, whose single event-loop thread reads all of them: the JDK's WebSocket client, which the
 * benches used before, handed every frame to another thread and cost the bench 4–5 s more CPU a minute at 2,000
 * frames a second (docs/benchmarks.md, stop 34) — CPU the services under measurement did not get.
 */
abstract class BenchSocket {

    static final String EVENT_PREFIX = EventSequence.EVENT_PREFIX;
    /** The largest frame the protocol sends is far below this; larger ones are assembled up to it. */
    static final int MAX_FRAME_BYTES = 1 << 20;

    final EventSequence sequence = new EventSequence();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Channel channel;
    private volatile WebsocketOutbound outbound;

    /** A whole text frame, with the {@link System#nanoTime()} it arrived at; runs on the client's event loop. */
    protected abstract void frame(String frame, long arrivalNanos);

    /**
     * The socket closed ({@code why}: its close code and reason) or failed ({@code why}: the error): whatever
     * waits on it must stop waiting. Called once.
     */
    protected abstract void ended(String why, Throwable cause);

    /** The highest {@code s} received so far (0 before any event). */
    protected long lastSeq() {
        return sequence.last();
    }

    /** Sends a text frame; completes once written to the socket. */
    CompletableFuture<Void> send(String text) {
        Channel open = channel;
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (open == null) {
            written.completeExceptionally(new IllegalStateException("not open"));
            return written;
        }
        open.writeAndFlush(new TextWebSocketFrame(text)).addListener(done -> {
            if (done.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(done.cause());
            }
        });
        return written;
    }

    /** Whether frames can still be sent. */
    boolean isOpen() {
        Channel open = channel;
        return open != null && open.isActive() && !ended.get();
    }

    /** Starts the closing handshake with the given code; completes once the close frame is written. */
    CompletableFuture<Void> close(int code, String reason) {
        return outbound.sendClose(code, reason).toFuture();
    }

    /** Drops the connection without a close handshake. */
    void abort() {
        Channel open = channel;
        if (open != null) {
            open.close();
        }
    }

    Publisher<Void> attach(WebsocketInbound inbound, WebsocketOutbound outbound) {
        this.outbound = outbound;
        outbound.withConnection(connection -> channel = connection.channel());
        inbound.receiveCloseStatus().subscribe(status -> end(status.code() + " " + status.reasonText(), null));
        return inbound.aggregateFrames(MAX_FRAME_BYTES)
                .receiveFrames()
                .doOnNext(frame -> {
                    if (frame instanceof TextWebSocketFrame text) {
                        received(text.text(), System.nanoTime());
                    }
                })
                .doOnError(failure -> end(failure.toString(), failure))
                .doOnComplete(() -> end("1006 connection closed", null))
                .then();
    }

    private void received(String frame, long arrival) {
        sequence.check(frame);
        frame(frame, arrival);
    }

    void end(String why, Throwable cause) {
        if (ended.compareAndSet(false, true)) {
            ended(why, cause == null ? new IllegalStateException("closed " + why) : cause);
        }
    }
}
