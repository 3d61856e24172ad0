package dev.connectnow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

class BenchSocketTest {

    private final BenchSockets sockets = new BenchSockets("bench-socket-test");
    private final List<String> origins = new CopyOnWriteArrayList<>();
    private DisposableServer server;

    @AfterEach
    void stop() {
        sockets.close();
        if (server != null) {
            server.disposeNow();
        }
    }

    @Test
    void framesArriveWholeAndInOrderWithGapsAndRepeatsOfSCountedAndTheCloseCodeReported() throws Exception {
        String large = "x".repeat(200_000);
        URI uri = serve(List.of(
                "{\"op\":\"HELLO\"}", event(1, "a"), event(2, large), event(4, "b"), event(4, "c"), event(3, "d")));
        Recording socket = new Recording();

        sockets.open(uri, socket).get(10, TimeUnit.SECONDS);
        socket.send("{\"op\":\"IDENTIFY\"}").get(10, TimeUnit.SECONDS);
        String why = socket.ended.get(10, TimeUnit.SECONDS);

        assertThat(socket.frames)
                .containsExactly(
                        "{\"op\":\"HELLO\"}",
                        event(1, "a"),
                        event(2, large),
                        event(4, "b"),
                        event(4, "c"),
                        event(3, "d"));
        assertThat(socket.sequence.gaps).hasValue(1);
        assertThat(socket.sequence.repeated).hasValue(2);
        assertThat(socket.lastSeq()).isEqualTo(4);
        assertThat(why).isEqualTo("4010 too slow");
        assertThat(socket.isOpen()).isFalse();
        assertThat(origins).as("a client that is not a browser sends no Origin").containsExactly("null");
    }

    @Test
    void aSocketTheServerDropsWithoutACloseFrameEndsOnce() throws Exception {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> response.sendWebsocket((in, out) -> out.withConnection(
                                connection -> connection.channel().close())
                        .then()))
                .bindNow();
        Recording socket = new Recording();

        sockets.open(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), socket);

        assertThat(socket.ended.get(10, TimeUnit.SECONDS)).startsWith("1006");
        assertThat(socket.endings).hasValue(1);
    }

    /**
     * A server that sends {@code frames}' first, waits for the client's first frame (reading on, as cancelling the
     * read would close the socket), sends the rest, then closes with 4010.
     */
    private URI serve(List<String> frames) {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> {
                    origins.add(String.valueOf(request.requestHeaders().get("Origin")));
                    return response.sendWebsocket((in, out) -> {
                        Sinks.Empty<Void> answered = Sinks.empty();
                        in.receive().subscribe(frame -> answered.tryEmitEmpty());
                        return out.sendString(Flux.fromIterable(frames.subList(0, 1)))
                                .then()
                                .then(answered.asMono())
                                .then(out.sendString(Flux.fromIterable(frames.subList(1, frames.size())))
                                        .then())
                                .then(Mono.defer(() -> out.sendClose(4010, "too slow")));
                    });
                })
                .bindNow();
        return URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    }

    private static String event(long s, String content) {
        return BenchSocket.EVENT_PREFIX + s + ",\"d\":{\"content\":\"" + content + "\"}}";
    }

    private static final class Recording extends BenchSocket {
        final List<String> frames = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final AtomicInteger endings = new AtomicInteger();

        @Override
        protected void frame(String frame, long arrivalNanos) {
            frames.add(frame);
        }

        @Override
        protected void ended(String why, Throwable cause) {
            endings.incrementAndGet();
            ended.complete(why);
        }
    }
}
