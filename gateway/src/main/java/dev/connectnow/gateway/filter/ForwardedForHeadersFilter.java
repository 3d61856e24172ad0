package dev.connectnow.gateway.filter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway is the edge: whatever a client claims in {@code X-Forwarded-*} or
 * {@code Forwarded} is dropped, and the downstream request carries
 * {@code X-Forwarded-For: <TCP peer address>} (a single entry, so both "first" and "last"
 * entry conventions read the real peer), plus the proto, host and port the client used.
 * <p>
 * Spring Cloud Gateway 5 without {@code trusted-proxies} only removes these headers and
 * adds none; this filter runs after that removal.
 */
@Component
public class ForwardedForHeadersFilter implements HttpHeadersFilter, Ordered {

    /** Lower case: header names are case-insensitive. */
    static final Set<String> FORWARDING_HEADERS = Set.of(
            "forwarded",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-port",
            "x-forwarded-proto",
            "x-forwarded-prefix",
            "x-real-ip");

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders updated = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            if (!FORWARDING_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                updated.addAll(header.getKey(), header.getValue());
            }
        }
        ServerHttpRequest request = exchange.getRequest();
        updated.set("X-Forwarded-For", ClientAddress.of(exchange));
        String scheme = request.getURI().getScheme();
        if (scheme != null) {
            updated.set("X-Forwarded-Proto", scheme.startsWith("ws") ? scheme.replace("ws", "http") : scheme);
        }
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host != null) {
            updated.set("X-Forwarded-Host", host);
        }
        int port = request.getURI().getPort();
        if (port > 0) {
            updated.set("X-Forwarded-Port", Integer.toString(port));
        }
        return updated;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
