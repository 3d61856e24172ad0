package dev.connectnow.realtime.endpoint;

import dev.connectnow.realtime.delivery.OutboundFrame;
import dev.connectnow.realtime.socket.SocketConnection;
import dev.connectnow.realtime.socket.Transport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

/**
 * Writes a connection's queued frames straight to its Netty channel, on the channel's event loop and only while
 * the channel is writable: when the client stops reading, the channel's outbound buffer reaches its high-water
 * mark, writing stops, and frames pile up in the connection's bounded queue (which then sheds and closes)
 * instead of in Netty. Writability coming back resumes the drain.
 */
final class NettyTransport implements Transport {

    static final String WRITABILITY_HANDLER = "realtime-writability";
    static final long CLOSE_GRACE_MILLIS = 1000;

    private final Connection netty;
    private final Channel channel;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private SocketConnection connection;
    /** The code of the close frame we sent, or the client's; 1006 when the connection just ended. */
    private volatile int closeCode = 1006;

    /** @param socketSendBuffer the socket's {@code SO_SNDBUF}; 0 keeps the kernel's auto-tuning */
    NettyTransport(Connection netty, int socketSendBuffer) {
        this.netty = netty;
        this.channel = netty.channel();
        if (socketSendBuffer > 0) {
            // bounds what a slow reader's socket holds beyond our queue: those bytes are lost when it is closed
            channel.config().setOption(ChannelOption.SO_SNDBUF, socketSendBuffer);
        }
    }

    @Override
    public void attach(SocketConnection connection) {
        this.connection = connection;
        // before Reactor Netty's reactive bridge, which does not pass writability changes on
        netty.addHandlerLast(WRITABILITY_HANDLER, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (ctx.channel().isWritable()) {
                    framesWaiting();
                }
                ctx.fireChannelWritabilityChanged();
            }
        });
        channel.closeFuture().addListener(closed -> reportClosed());
    }

    @Override
    public void framesWaiting() {
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    private void drain() {
        drainScheduled.set(false);
        boolean wrote = false;
        while (channel.isActive() && channel.isWritable()) {
            OutboundFrame frame = connection.nextFrame();
            if (frame == null) {
                break;
            }
            channel.write(new TextWebSocketFrame(frame.text())).addListener(written -> {
                if (written.isSuccess()) {
                    connection.written(frame);
                }
            });
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    @Override
    public void close(int code, String reason) {
        closeCode = code;
        channel.eventLoop().execute(() -> {
            if (channel.isActive()) {
                drainScheduled.set(true); // nothing more after the close frame
                channel.writeAndFlush(new CloseWebSocketFrame(code, truncate(reason)))
                        .addListener(ChannelFutureListener.CLOSE);
                // a client that does not read never takes the close frame: do not wait for it
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** The client's close frame arrived (before the connection ends). */
    void clientClosed(int code) {
        if (closeCode == 1006) {
            closeCode = code;
        }
    }

    /** Completes when the connection has ended, whoever closed it. */
    Mono<Void> ended() {
        return netty.onDispose();
    }

    /**
     * A frame RFC 6455 does not allow (too large, broken framing, reserved bits, text that is not UTF-8): close with
     * this code.
     */
    void refuse(int code, String reason) {
        connection.close(code, reason);
    }

    private void reportClosed() {
        if (closeReported.compareAndSet(false, true)) {
            // always later, on the event loop: never inside the caller of close()
            channel.eventLoop().execute(() -> connection.transportClosed(closeCode));
        }
    }

    /** A close reason has at most 123 bytes of UTF-8; ours are ASCII. */
    private static String truncate(String reason) {
        return reason.length() <= 123 ? reason : reason.substring(0, 123);
    }
}
