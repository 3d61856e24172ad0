package dev.connectnow.gateway.server;

import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.netty.Connection;

/** The event loop of the client connection an exchange arrived on. */
public final class ExchangeEventLoop {

    private ExchangeEventLoop() {}

    /** @return the connection's loop, or null when the exchange is not served by Reactor Netty (a mock exchange) */
    public static @Nullable EventLoop of(ServerWebExchange exchange) {
        return ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest()) instanceof Connection connection
                ? connection.channel().eventLoop()
                : null;
    }
}
