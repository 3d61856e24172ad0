package dev.connectnow.gateway.resilience;

import dev.connectnow.gateway.problem.Problems;
import dev.connectnow.gateway.proxy.RouteContextShortcut;
import dev.connectnow.gateway.server.ExchangeEventLoop;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code RouteCircuitBreaker}: every route's Resilience4J circuit breaker and time limit, both named after the
 * route id (settings under {@code resilience4j.circuitbreaker} / {@code resilience4j.timelimiter}).
 * <ul>
 * <li>Only {@linkplain ServerFaults server faults} count as failures: the status a service answered is the
 * call's result ({@link FailedAnswer}), errors that are not server faults are ignored
 * ({@link NotAServerFault}).</li>
 * <li>Whatever the service answered reaches the client unchanged — its own 503 keeps its
 * {@code Retry-After} and problem body.</li>
 * <li>When there is no answer (open circuit, unreachable, no instance, time limit) the gateway answers
 * {@code 503 "<service> is unavailable."} with {@code Retry-After} (the circuit's open-state wait).</li>
 * <li>The request body is received whole before the call is timed ({@code WholeRequestBodyFilter}), so a slow
 * or broken upload is never held against the service; a WebSocket handshake is not time-limited (the socket
 * lives as long as the connection).</li>
 * <li>The service is told when the time limit ends ({@link DeadlineHeaderFilter}), so that it does not work
 * for a request the gateway has already answered.</li>
 * </ul>
 */
@Component
public class RouteCircuitBreakerGatewayFilterFactory
        extends AbstractGatewayFilterFactory<RouteCircuitBreakerGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(RouteCircuitBreakerGatewayFilterFactory.class);

    private final CircuitBreakerRegistry circuitBreakers;

    private final TimeLimiterRegistry timeLimiters;

    private final Clock clock;

    /** One scheduler per event loop, never disposed (that would shut the loop down). */
    private final Map<EventLoop, Scheduler> eventLoopTimers = new ConcurrentHashMap<>();

    public RouteCircuitBreakerGatewayFilterFactory(
            CircuitBreakerRegistry circuitBreakers, TimeLimiterRegistry timeLimiters, Clock clock) {
        super(Config.class);
        this.circuitBreakers = circuitBreakers;
        this.timeLimiters = timeLimiters;
        this.clock = clock;
    }

    @Override
    public GatewayFilter apply(Config config) {
        String routeId = Objects.requireNonNull(config.getRouteId(), "RouteCircuitBreaker needs a route id");
        CircuitBreaker breaker = circuitBreakers.circuitBreaker(routeId);
        Duration timeLimit =
                timeLimiters.timeLimiter(routeId).getTimeLimiterConfig().getTimeoutDuration();
        long openMillis = breaker.getCircuitBreakerConfig()
                .getWaitIntervalFunctionInOpenState()
                .apply(1);
        String retryAfter = Long.toString(Math.max(1, (openMillis + 999) / 1000));
        return new GatewayFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                boolean timed = !isWebSocketHandshake(exchange);
                if (timed) {
                    Instant start = clock.instant();
                    DeadlineHeaderFilter.setTimeLimit(exchange, start, start.plus(timeLimit));
                }
                Mono<Void> call = RouteContextShortcut.cached(chain.filter(exchange));
                if (timed) {
                    call = call.timeout(timeLimit, timerOf(exchange));
                }
                return call.then(Mono.fromSupplier(() -> exchange.getResponse().getStatusCode()))
                        .transform(CircuitBreakerOperator.of(breaker))
                        .then()
                        .onErrorResume(
                                error -> error instanceof CallNotPermittedException || ServerFaults.isFault(error),
                                error -> unavailable(exchange, retryAfter, error));
            }

            @Override
            public String toString() {
                return "RouteCircuitBreaker[" + routeId + ", time limit " + timeLimit + "]";
            }
        };
    }

    /**
     * The time limit's timer: on the event loop that received the request, whose own timer queue takes it without
     * waking another thread. On Reactor's parallel scheduler (the default) every request woke one of its threads
     * to arm the timer and again to cancel it — on two shared cores, context switches on the request's path.
     */
    private Scheduler timerOf(ServerWebExchange exchange) {
        EventLoop eventLoop = ExchangeEventLoop.of(exchange);
        return eventLoop == null
                ? Schedulers.parallel()
                : eventLoopTimers.computeIfAbsent(
                        eventLoop, loop -> Schedulers.fromExecutorService(loop, "time-limit"));
    }

    private static Mono<Void> unavailable(ServerWebExchange exchange, String retryAfter, Throwable error) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = serviceOf(route);
        log.debug("{} unavailable: {}", service, error.toString());
        // drop what a half-received answer may have left (downstream headers, its connection)
        ServerWebExchangeUtils.reset(exchange);
        return Problems.write(
                exchange,
                HttpStatus.SERVICE_UNAVAILABLE,
                service + " is unavailable.",
                headers -> headers.set(HttpHeaders.RETRY_AFTER, retryAfter));
    }

    private static boolean isWebSocketHandshake(ServerWebExchange exchange) {
        return "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
    }

    /** {@code lb://message-service} and {@code lb:ws://realtime-service} → the service id. */
    static String serviceOf(@Nullable Route route) {
        if (route == null) {
            return "The service";
        }
        URI uri = route.getUri();
        String host = uri.getHost();
        if (host == null
                && uri.getSchemeSpecificPart() != null
                && uri.getSchemeSpecificPart().contains("://")) {
            host = URI.create(uri.getSchemeSpecificPart()).getHost();
        }
        return host != null ? host : route.getId();
    }

    /** The route id is filled in by the gateway. */
    public static class Config implements HasRouteId {

        private @Nullable String routeId;

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public @Nullable String getRouteId() {
            return routeId;
        }
    }
}
