package dev.connectnow.gateway.realtime;

import dev.connectnow.gateway.problem.Problems;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Upgrades only what RFC 6455 defines: {@code Sec-WebSocket-Version: 13}, what every browser and client library
 * sends. Anything else is refused before the upgrade with 426 and the version to use (RFC 6455 §4.4). Netty read a
 * handshake without the header as the 2010 draft protocol (hixie-76), failed on its missing {@code Origin} and left
 * the client with no answer at all; an unknown version got its 426, but with an ERROR and a stack trace in the log.
 */
final class Rfc6455HandshakesOnly implements WebSocketService {

    private static final String VERSION_HEADER = HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString();
    private static final String VERSION = WebSocketVersion.V13.toHttpHeaderValue();

    private final WebSocketService delegate;

    Rfc6455HandshakesOnly(WebSocketService delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        String version = exchange.getRequest().getHeaders().getFirst(VERSION_HEADER);
        if (version == null || !version.strip().equals(VERSION)) {
            return Problems.write(
                    exchange,
                    HttpStatus.UPGRADE_REQUIRED,
                    "Only WebSocket version 13 (RFC 6455) is spoken here: send Sec-WebSocket-Version: 13.",
                    headers -> headers.set(VERSION_HEADER, VERSION));
        }
        return delegate.handleRequest(exchange, handler);
    }
}
