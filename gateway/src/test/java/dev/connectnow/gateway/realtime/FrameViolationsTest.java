package dev.connectnow.gateway.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameViolationsTest {

    /** What reaches Reactor Netty's bridge, which logs an exception nobody subscribed for at ERROR. */
    private static final class Bridge extends ChannelInboundHandlerAdapter {
        final List<Throwable> exceptions = new ArrayList<>();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            exceptions.add(cause);
        }
    }

    @Test
    void aClientLeavingInsideAFragmentedMessageReachesNoFurther() {
        Bridge without = new Bridge();
        closeMidMessage(new EmbeddedChannel(new WebSocketFrameAggregator(4096), without));
        assertThat(without.exceptions).singleElement().isInstanceOf(PrematureChannelClosureException.class);

        Bridge with = new Bridge();
        closeMidMessage(
                new EmbeddedChannel(new WebSocketFrameAggregator(4096), new FrameViolations.LogAsClientError(), with));
        assertThat(with.exceptions).isEmpty();
    }

    @Test
    void anyOtherExceptionGoesOn() {
        Bridge bridge = new Bridge();
        EmbeddedChannel channel = new EmbeddedChannel(new FrameViolations.LogAsClientError(), bridge);
        IllegalStateException other = new IllegalStateException("not the client's");
        channel.pipeline().fireExceptionCaught(other);
        assertThat(bridge.exceptions).containsExactly(other);
    }

    private static void closeMidMessage(EmbeddedChannel channel) {
        channel.writeInbound(
                new TextWebSocketFrame(false, 0, Unpooled.copiedBuffer("{\"op\":\"HEART", StandardCharsets.UTF_8)));
        channel.close();
    }
}
