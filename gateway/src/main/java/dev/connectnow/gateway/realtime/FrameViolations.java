package dev.connectnow.gateway.realtime;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * A client's WebSocket protocol violation — a frame over the size limit, a malformed frame — is the client's
 * error: Netty's frame decoder answers it with its close code (1009, 1002) and closes the socket. Unhandled, the
 * violation reached Reactor Netty with no subscriber yet when it came early (Spring Cloud Gateway reads the
 * client's frames only once its connection to realtime-service is up), which logs it at ERROR with a stack trace.
 */
@Configuration(proxyBeanMethods = false)
class FrameViolations {

    private static final Logger log = LoggerFactory.getLogger(FrameViolations.class);

    @Bean
    NettyServerCustomizer frameViolationsAreClientErrors() {
        ChannelHandler handler = new LogAsClientError();
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) ->
                channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, "connectnow.frameViolations", handler));
    }

    @ChannelHandler.Sharable
    static final class LogAsClientError extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException violation) {
                log.debug("WebSocket frame refused: {}", violation.getMessage());
                return;
            }
            ctx.fireExceptionCaught(cause);
        }
    }
}
