package dev.connectnow.gateway.realtime;

import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/**
 * A client's fragmented WebSocket message (RFC 6455 §5.4) is joined from its first frame on, whenever it comes.
 * Spring's WebSocket session joins fragments only from the moment Spring Cloud Gateway starts reading the client's
 * frames, which is once its own socket to realtime-service is open; fragments sent before that reached it one by
 * one, and a continuation frame is a message Spring does not know: the client's socket was closed without a code,
 * with a stack trace in the gateway's log and, for the half message already forwarded, in realtime-service's.
 *
 * <p>The aggregator sits on every connection from its start (on plain HTTP it passes everything on: it takes
 * WebSocket frames only). Its bound is Spring's own for a message (64 KiB); realtime-service holds clients to the
 * protocol's 4 KB and closes 1009 above it, which the gateway relays.
 */
@Configuration(proxyBeanMethods = false)
class WholeClientMessages {

    static final String HANDLER_NAME = "connectnow.wholeClientMessages";
    static final int MAX_MESSAGE_BYTES = 65_536;

    @Bean
    NettyServerCustomizer fragmentsJoinedFromTheFirst() {
        return server -> server.doOnChannelInit((observer, channel, remoteAddress) -> channel.pipeline()
                .addBefore(
                        NettyPipeline.ReactiveBridge, HANDLER_NAME, new WebSocketFrameAggregator(MAX_MESSAGE_BYTES)));
    }
}
