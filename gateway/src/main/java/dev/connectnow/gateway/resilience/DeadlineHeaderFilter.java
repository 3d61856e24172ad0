package dev.connectnow.gateway.resilience;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * {@code RequestDeadline}). Beside it {@value #START_HEADER} ({@code t=} epoch microseconds, the convention APM
 * agents read), when the time limit started: the service measures how long the request took to reach its first
 * filter — the hop, its connection's backlog, the wait for a thread — the queue no service-side timer sees.
 * Values a client sent are dropped: only the gateway's own reach a service.
 */
@Component
public class DeadlineHeaderFilter implements HttpHeadersFilter, Ordered {

    public static final String HEADER = "X-Request-Deadline";

    public static final String START_HEADER = "X-Request-Start";

    private static final String ATTRIBUTE = DeadlineHeaderFilter.class.getName() + ".limit";

    private record TimeLimit(Instant start, Instant deadline) {}

    /** Called where the time limit starts. */
    static void setTimeLimit(ServerWebExchange exchange, Instant start, Instant deadline) {
        exchange.getAttributes().put(ATTRIBUTE, new TimeLimit(start, deadline));
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders updated = new HttpHeaders();
        for (Map.Entry<String, List<String>> header : input.headerSet()) {
            if (!HEADER.equalsIgnoreCase(header.getKey()) && !START_HEADER.equalsIgnoreCase(header.getKey())) {
                updated.addAll(header.getKey(), header.getValue());
            }
        }
        if (exchange.getAttribute(ATTRIBUTE) instanceof TimeLimit limit) {
            updated.set(HEADER, Long.toString(limit.deadline().toEpochMilli()));
            updated.set(START_HEADER, "t=" + ChronoUnit.MICROS.between(Instant.EPOCH, limit.start()));
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
