package dev.connectnow.gateway.resilience;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the service when the gateway stops waiting: {@value #HEADER} (epoch milliseconds), the end of the route's
 * time limit, on every timed request — the services shed work whose caller has given up (the chassis'
 * {@code RequestDeadline}). A value a client sent is dropped: only the gateway's own reaches a service.
 */
@Component
public class DeadlineHeaderFilter implements HttpHeadersFilter, Ordered {

    public static final String HEADER = "X-Request-Deadline";

    private static final String ATTRIBUTE = DeadlineHeaderFilter.class.getName() + ".deadline";

    /** Called where the time limit starts. */
    static void setDeadline(ServerWebExchange exchange, Instant deadline) {
        exchange.getAttributes().put(ATTRIBUTE, deadline);
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders updated = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            if (!HEADER.equalsIgnoreCase(header.getKey())) {
                updated.addAll(header.getKey(), header.getValue());
            }
        }
        if (exchange.getAttribute(ATTRIBUTE) instanceof Instant deadline) {
            updated.set(HEADER, Long.toString(deadline.toEpochMilli()));
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
