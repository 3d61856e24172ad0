package dev.connectnow.gateway.proxy;

import java.util.function.Function;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Ends Reactor's context look-ups where a route starts. An operator asks its subscriber for the subscriber context
 * when it is subscribed and when it drops a value (for the discard hook), and each subscriber passes the question on
 * to the next, down to the nearest one that holds a context of its own: a {@code contextWrite}. Without one here
 * that is above WebFlux's dispatcher and part of Spring Security's chain, dozens of subscribers away from the route's
 * operators, and a proxied request asks again and again: the walks were 6 % of the gateway's event loops
 * (docs/benchmarks.md, gateway, stop 45). The context written here is the one it receives, unchanged; it only answers
 * the question sooner. The circuit breaker writes one more around the call itself ({@link #cached(Mono)}).
 */
@Component
public class RouteContextShortcut implements GlobalFilter, Ordered {

    /** {@code call}, with the subscriber context it is given kept where its own operators find it first. */
    public static <T> Mono<T> cached(Mono<T> call) {
        return call.contextWrite(Function.identity());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return cached(chain.filter(exchange));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
