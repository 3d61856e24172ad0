package dev.connectnow.gateway.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Sends an HTTP message's headers in the same write as its body, so the other side reads it in one segment.
 * <p>
 * Reactor Netty writes and flushes the headers of a message whose body is a {@code Flux} and subscribes to the body
 * only once that write completed (it joins the two only for a {@code Mono} body). Spring Cloud Gateway passes a
 * {@code Flux} both ways: each proxied POST, PUT or PATCH reached the service as two segments, and the service's
 * thread read, and waited for the poller, twice (docs/benchmarks.md, realtime-e2e); each proxied answer reached the
 * client as two. This handler, right behind the HTTP encoder, holds headers that announce a body and reports them
 * written; the body's write, which that report starts, takes them along, and both leave in one flush.
 * <p>
 * A hold ends with the message's next write: its body, or the last (empty) content Reactor Netty writes to end every
 * message; a connection closed meanwhile drops it. Only bodies that are sure to follow at once are waited for:
 * a request's (the gateway has received it whole, {@code WholeRequestBodyFilter}) and an answer's of announced
 * length — not a chunked answer, which may be a stream whose first part comes late.
 * <p>
 * One instance per connection: it is only called on the connection's event loop.
 */
final class HeadersWithBodyHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = "connectnow.headersWithBody";

    private HttpMessage heldHeaders;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (heldHeaders != null) {
            HttpMessage headers = heldHeaders;
            heldHeaders = null;
            // their caller was already told they were written: a failure surfaces on the connection instead
            ctx.write(headers).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            ctx.write(msg, promise);
        } else if (msg instanceof HttpMessage headers && !(msg instanceof HttpContent) && bodyFollows(headers)) {
            heldHeaders = headers;
            promise.trySuccess();
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (heldHeaders == null) {
            ctx.flush();
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        heldHeaders = null;
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        heldHeaders = null;
    }

    private static boolean bodyFollows(HttpMessage headers) {
        return HttpUtil.getContentLength(headers, -1L) > 0
                || (headers instanceof HttpRequest && HttpUtil.isTransferEncodingChunked(headers));
    }
}
