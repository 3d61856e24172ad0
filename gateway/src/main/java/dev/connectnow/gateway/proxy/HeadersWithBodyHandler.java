package dev.connectnow.gateway.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Sends a proxied request's headers in the same write as its body, so a service reads a post in one segment.
 * <p>
 * Reactor Netty writes and flushes the headers of a POST, PUT or PATCH first and subscribes to its body only once
 * that write completed (it joins the two only for a {@code Mono} body; Spring Cloud Gateway's routing filter
 * passes a {@code Flux}): each such request reached the service as two segments, and the service's thread read
 * twice, waiting for Tomcat's poller in between (docs/benchmarks.md, realtime-e2e, stop 23). This handler, behind the
 * HTTP encoder of every connection to a service, holds headers that announce a body and reports them written; the
 * body's write, which that report starts, takes them along, and both leave in one flush. The hold cannot outlast
 * the request: the body is already whole in the gateway ({@code WholeRequestBodyFilter}), and every request ends
 * with a write of its last content — or with the connection's close, which drops what is held.
 * <p>
 * One instance per connection: it is only called on the connection's event loop.
 */
final class HeadersWithBodyHandler extends ChannelOutboundHandlerAdapter {

    static final String NAME = "connectnow.headersWithBody";

    private HttpRequest heldHeaders;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (heldHeaders != null) {
            HttpRequest headers = heldHeaders;
            heldHeaders = null;
            // their caller was already told they were written: a failure surfaces on the connection instead
            ctx.write(headers).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
            ctx.write(msg, promise);
        } else if (announcesBody(msg)) {
            heldHeaders = (HttpRequest) msg;
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

    private static boolean announcesBody(Object msg) {
        return msg instanceof HttpRequest request
                && !(msg instanceof HttpContent)
                && (HttpUtil.getContentLength(request, -1L) > 0 || HttpUtil.isTransferEncodingChunked(request));
    }
}
