package dev.connectnow.gateway.realtime;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * The client's WebSocket frames, before Spring sees them, on every connection from its start (on plain HTTP both
 * handlers pass everything on: they take WebSocket frames and their errors only).
 *
 * <p>A fragmented message (RFC 6455 §5.4) is joined at once, whenever it comes. Spring joins fragments only from the
 * moment Spring Cloud Gateway starts reading the client's frames, once its own socket to realtime-service is open;
 * fragments sent before that reached it one by one, and a continuation frame is a message Spring does not know: the
 * client's socket was closed without a code, with a stack trace here and, for the half message already forwarded,
 * in realtime-service. The bound is Spring's own for a message (64 KiB); realtime-service holds clients to the
 * protocol's 4 KB and closes 1009 above it, which the gateway relays.
 *
 * <p>A protocol violation — a frame over the size limit, a malformed frame — and a client leaving in the middle of a
 * fragmented message are the client's affair: Netty's frame decoder answers a violation with its close code (1009,
 * 1002) and closes the socket. Unhandled, they reached Reactor Netty with no subscriber, which logs them at ERROR with
 * a stack trace.
 */
@Configuration(proxyBeanMethods = false)
class FrameViolations {

    static final int MAX_MESSAGE_BYTES = 65_536;

    private static final Logger log = LoggerFactory.getLogger(FrameViolations.class);

    @Bean
    NettyServerCustomizer wholeMessagesAndClientErrors() {
        ChannelHandler clientErrors = new LogAsClientError();
        // the aggregator first: what it reports about a client must pass the handler that logs it as the client's
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addBefore(
                        NettyPipeline.ReactiveBridge,
                        "connectnow.wholeClientMessages",
                        new WebSocketFrameAggregator(MAX_MESSAGE_BYTES))
                .addBefore(NettyPipeline.ReactiveBridge, "connectnow.frameViolations", clientErrors));
    }

    @ChannelHandler.Sharable
    static final class LogAsClientError extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException
                    || cause instanceof PrematureChannelClosureException) {
                log.debug("WebSocket frame refused or cut short: {}", cause.getMessage());
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
