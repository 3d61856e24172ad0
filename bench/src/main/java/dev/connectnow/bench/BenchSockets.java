package dev.connectnow.bench;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Opens bench sockets; all of them are read by one event-loop thread. Like any client that is not a browser they
 * send no {@code Origin} header (Netty's handshake would add one naming the server itself, which realtime-service's
 * allow-list refuses).
 */
final class BenchSockets implements AutoCloseable {

    private final LoopResources loop;
    private final HttpClient http;

    BenchSockets(String name) {
        loop = LoopResources.create(name, 1, true);
        http = HttpClient.create(ConnectionProvider.newConnection())
                .runOn(loop)
                .doOnConnected(connection -> connection
                        .channel()
                        .pipeline()
                        .addAfter(NettyPipeline.HttpCodec, "bench.withoutOrigin", new WithoutOrigin()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Duration.ofSeconds(10).toMillis());
    }

    /** Opens {@code socket} on {@code uri}; completes with it once the handshake is done. */
    <S extends BenchSocket> CompletableFuture<S> open(URI uri, S socket) {
        CompletableFuture<S> opened = new CompletableFuture<>();
        http.websocket(WebsocketClientSpec.builder()
                        .maxFramePayloadLength(BenchSocket.MAX_FRAME_BYTES)
                        .build())
                .uri(uri)
                .handle((inbound, outbound) -> {
                    Publisher<Void> frames = socket.attach(inbound, outbound);
                    opened.complete(socket);
                    return frames;
                })
                .subscribe(null, failure -> {
                    opened.completeExceptionally(failure);
                    socket.end(failure.toString(), failure);
                });
        return opened;
    }

    @Override
    public void close() {
        loop.disposeLater().block(Duration.ofSeconds(10));
    }

    /** Takes the {@code Origin} header off the handshake request on its way to the HTTP encoder. */
    private static final class WithoutOrigin extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) throws Exception {
            if (message instanceof HttpRequest request) {
                request.headers().remove(HttpHeaderNames.ORIGIN);
            }
            super.write(context, message, promise);
        }
    }
}
