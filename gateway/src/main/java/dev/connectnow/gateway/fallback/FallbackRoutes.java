package dev.connectnow.gateway.fallback;

import dev.connectnow.gateway.problem.Problems;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Target of every route's circuit breaker ({@code fallbackUri: forward:/fallback/unavailable}):
 * a downstream failure, timeout, open circuit or missing instance becomes
 * {@code 503 "<service> is unavailable"} as a problem detail.
 */
@Configuration(proxyBeanMethods = false)
public class FallbackRoutes {

    public static final String PATH = "/fallback/unavailable";

    private static final Logger log = LoggerFactory.getLogger(FallbackRoutes.class);

    @Bean
    RouterFunction<ServerResponse> fallbackRouter() {
        HandlerFunction<ServerResponse> unavailable = request -> {
            ServerWebExchange exchange = request.exchange();
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            if (route == null) {
                // called directly, not forwarded by a circuit breaker
                return problem(exchange, HttpStatus.NOT_FOUND, "No resource at this path.");
            }
            Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
            if (exchange.getResponse().isCommitted()) {
                // e.g. a proxied WebSocket that ended abnormally: nothing can be answered any more
                log.debug("Route {} failed after the response was committed", route.getId(), cause);
                return Mono.empty();
            }
            String service = serviceOf(route);
            log.debug("Route {} unavailable", route.getId(), cause);
            return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE, service + " is unavailable.");
        };
        return RouterFunctions.route(RequestPredicates.path(PATH), unavailable);
    }

    private static Mono<ServerResponse> problem(ServerWebExchange exchange, HttpStatus status, String detail) {
        return ServerResponse.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .bodyValue(Problems.body(status, detail, Problems.instance(exchange)));
    }

    /** {@code lb://message-service} and {@code lb:ws://realtime-service} → the service id. */
    static String serviceOf(Route route) {
        URI uri = route.getUri();
        String host = uri.getHost();
        if (host == null
                && uri.getSchemeSpecificPart() != null
                && uri.getSchemeSpecificPart().contains("://")) {
            host = URI.create(uri.getSchemeSpecificPart()).getHost();
        }
        return host != null ? host : route.getId();
    }
}
