package dev.connectnow.gateway.realtime;

import dev.connectnow.gateway.server.ExchangeEventLoop;
import io.netty.channel.EventLoop;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Upgrades the client's connection on that connection's own event loop. The gateway reaches the upgrade on whatever
 * thread ended the step before it — the load balancer's readiness probe answers on the probe's connection's loop.
 * Netty's handshake started off the loop writes the 101 in one task of the connection's loop and switches the
 * connection over to WebSocket in a later one; a frame the client sent as soon as it read the 101 (an eager
 * IDENTIFY) could be read in between, by the finished HTTP exchange, which drops it — the client then waited for its
 * 4001. On its own loop the handshake writes the 101 and switches over in one task, before any read.
 */
final class UpgradeOnTheConnectionsEventLoop implements WebSocketService {

    private final WebSocketService delegate;

    UpgradeOnTheConnectionsEventLoop(WebSocketService delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Mono<Void> upgrade = Mono.defer(() -> delegate.handleRequest(exchange, handler));
        EventLoop loop = ExchangeEventLoop.of(exchange);
        return loop == null || loop.inEventLoop() ? upgrade : upgrade.subscribeOn(Schedulers.fromExecutor(loop));
    }
}
