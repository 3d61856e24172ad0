package dev.connectnow.gateway.ratelimit;

import dev.connectnow.gateway.filter.ClientAddress;
import dev.connectnow.gateway.problem.Problems;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rate limits every request that passed authentication: per user ({@code sub} of a valid
 * token) or, for anonymous calls, per client IP. The client IP is the TCP peer address;
 * client-sent {@code X-Forwarded-For} is never trusted. Rejected requests get 429 with
 * {@code Retry-After} (seconds) and a problem detail.
 * <p>
 * Runs inside the security filter chain, after authentication (so the user is known) and
 * before authorization. Not a bean on purpose: as a bean WebFlux would run it twice.
 */
public class RateLimitWebFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitWebFilter.class);

    private final KeyedRateLimiter limiter;

    public RateLimitWebFilter(KeyedRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exempt(exchange.getRequest().getPath().pathWithinApplication().value())) {
            return chain.filter(exchange);
        }
        return exchange.getPrincipal()
                .map(RateLimitWebFilter::userKey)
                .defaultIfEmpty("")
                .flatMap(userKey -> {
                    String key = userKey.isEmpty() ? "ip:" + ClientAddress.of(exchange) : userKey;
                    TokenBucket.Decision decision = limiter.tryAcquire(key);
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    long retryAfter = decision.retryAfterSeconds();
                    log.debug(
                            "Rate limited {} on {} {}",
                            key,
                            exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath().value());
                    return Problems.write(
                            exchange,
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests; retry after " + retryAfter + " s.",
                            headers -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter)));
                });
    }

    private static String userKey(Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            return "user:" + jwt.getToken().getSubject();
        }
        return "";
    }

    private static boolean exempt(String path) {
        return path.startsWith("/actuator/");
    }
}
