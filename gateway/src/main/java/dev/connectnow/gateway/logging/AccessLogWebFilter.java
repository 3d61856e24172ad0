package dev.connectnow.gateway.logging;

import dev.connectnow.gateway.config.EdgeProperties;
import dev.connectnow.gateway.filter.ClientAddress;
import dev.connectnow.gateway.problem.ProblemExceptionHandler;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One structured log line per request, logger {@code dev.connectnow.gateway.access}: method,
 * path, query (values of sensitive parameters redacted), status, duration, client IP, user
 * id when authenticated, route id. Headers are never logged (no Authorization, no tokens).
 * <p>
 * Outermost filter: errors are rendered by {@link ProblemExceptionHandler} here, so the
 * logged status is the one the client gets.
 */
@Component
public class AccessLogWebFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger("dev.connectnow.gateway.access");

    private final boolean enabled;

    private final Set<String> redacted;

    private final ProblemExceptionHandler problems;

    public AccessLogWebFilter(EdgeProperties properties, ProblemExceptionHandler problems) {
        this.enabled = properties.accessLog().enabled();
        this.redacted = properties.accessLog().redactedQueryParams().stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        ClientAddress.of(exchange); // resolve once, from the TCP peer
        exchange.getAttributes()
                .put(
                        RequestAttributes.ORIGINAL_PATH,
                        exchange.getRequest().getPath().value());
        Mono<Void> handled = chain.filter(exchange).onErrorResume(ex -> problems.handle(exchange, ex));
        if (!enabled) {
            return handled;
        }
        return handled.doFinally(signal -> log(exchange, start, signal));
    }

    private void log(ServerWebExchange exchange, long startNanos, SignalType signal) {
        if (!log.isInfoEnabled()) {
            return;
        }
        ServerHttpRequest request = exchange.getRequest();
        long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
        HttpStatusCode statusCode = exchange.getResponse().getStatusCode();
        int status = signal == SignalType.CANCEL ? 499 : statusCode != null ? statusCode.value() : 200;
        String method = request.getMethod().name();
        String path = request.getPath().value();
        String query = redactQuery(request.getURI().getRawQuery());
        String userId = exchange.getAttribute(RequestAttributes.USER_ID);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String clientIp = exchange.getAttribute(RequestAttributes.CLIENT_IP);
        var event = log.atInfo()
                .setMessage("{} {} {} {}ms")
                .addArgument(method)
                .addArgument(path)
                .addArgument(status)
                .addArgument(durationMs)
                .addKeyValue("http.request.method", method)
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration_ms", durationMs)
                .addKeyValue("client.ip", clientIp);
        if (query != null) {
            event = event.addKeyValue("url.query", query);
        }
        if (userId != null) {
            event = event.addKeyValue("user.id", userId);
        }
        if (route != null) {
            event = event.addKeyValue("route.id", route.getId());
        }
        event.log();
    }

    String redactQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(rawQuery.length());
        for (String pair : rawQuery.split("&")) {
            if (out.length() > 0) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && redacted.contains(name.toLowerCase(Locale.ROOT))) {
                out.append(name).append("=***");
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }
}
