package dev.connectnow.realtime.endpoint;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that closes its connection in the middle of a fragmented message is its own affair: the frame
 * aggregator reports it as an exception after the socket's handler has ended, which Reactor Netty would log at
 * ERROR with a stack trace.
 */
@ChannelHandler.Sharable
final class ClientLeftMidMessage extends ChannelInboundHandlerAdapter {

    static final String NAME = "realtime-client-left-mid-message";
    static final ClientLeftMidMessage INSTANCE = new ClientLeftMidMessage();

    private static final Logger log = LoggerFactory.getLogger(ClientLeftMidMessage.class);

    private ClientLeftMidMessage() {}

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof PrematureChannelClosureException) {
            log.debug("socket closed in the middle of a fragmented message");
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
