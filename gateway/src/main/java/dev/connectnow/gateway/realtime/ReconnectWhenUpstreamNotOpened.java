package dev.connectnow.gateway.realtime;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Cloud Gateway's WebSocket service (the client-facing upgrade), plus what a client needs when the gateway's
 * own socket to the instance does not open ({@link UpstreamNotOpened}): its socket, already upgraded, is closed at
 * once with 4012 — "reconnect now" (docs/realtime.md, close codes) — where it used to get an error close that did not
 * say so or, with an instance that never answered, nothing at all.
 */
final class ReconnectWhenUpstreamNotOpened implements WebSocketService {

    static final CloseStatus RECONNECT_NOW = new CloseStatus(4012, "no instance took the socket; reconnect");
    private static final Logger log = LoggerFactory.getLogger(ReconnectWhenUpstreamNotOpened.class);

    private final WebSocketService delegate;

    ReconnectWhenUpstreamNotOpened(WebSocketService delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        return delegate.handleRequest(exchange, new WebSocketHandler() {
            @Override
            public Mono<Void> handle(WebSocketSession session) {
                return handler.handle(session).onErrorResume(UpstreamNotOpened.class, notOpened -> {
                    log.warn("{}; client socket closed {}", notOpened.getMessage(), RECONNECT_NOW.getCode());
                    return session.close(RECONNECT_NOW);
                });
            }

            @Override
            public List<String> getSubProtocols() {
                return handler.getSubProtocols();
            }
        });
    }
}
