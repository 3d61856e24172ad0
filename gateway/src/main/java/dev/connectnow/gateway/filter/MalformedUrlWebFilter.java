package dev.connectnow.gateway.filter;

import dev.connectnow.gateway.problem.Problems;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a request whose path or query is not well-formed {@linkplain PercentEncoding percent-encoded
 * UTF-8} with a 400 problem, before authentication, routing or anything else reads it: it is never forwarded
 * (so never retried and never a circuit breaker's business), and it costs one access log line. The services
 * check their input too; the edge does not rely on it.
 * <p>
 * A target that is not even a URI (e.g. {@code %zz}) never gets here: the web server refuses it with a 400
 * before any filter runs, given its problem body by {@code BareErrorProblems}.
 */
@Component
public class MalformedUrlWebFilter implements WebFilter, Ordered {

    /** Right after the access log. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        URI uri = exchange.getRequest().getURI();
        if (PercentEncoding.isValid(uri.getRawPath()) && PercentEncoding.isValid(uri.getRawQuery())) {
            return chain.filter(exchange);
        }
        return Problems.write(
                exchange,
                HttpStatus.BAD_REQUEST,
                "The URL is malformed: its path and query must be percent-encoded UTF-8 without NUL characters.");
    }
}
