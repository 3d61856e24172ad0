package dev.connectnow.gateway.resilience;

import java.time.Duration;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code ReadRetry}: a GET or HEAD is sent again (up to {@code retries} times, exponential back-off) when the
 * service could not be reached or the connection broke before an answer, or when it answered 502, 503 or
 * 504 without {@code Retry-After}. Nothing else is retried: writes never (they are not idempotent), 4xx and
 * 500 never (the same request gets the same answer), time-outs never (the route's time limit covers all
 * attempts together), and a service that says when to come back is taken at its word. The last attempt's
 * answer is the one the client gets.
 */
@Component
public class ReadRetryGatewayFilterFactory extends AbstractGatewayFilterFactory<ReadRetryGatewayFilterFactory.Config> {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    public ReadRetryGatewayFilterFactory() {
        super(Config.class);
    }

    @Override
    public GatewayFilter apply(Config config) {
        return new GatewayFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                if (!READS.contains(exchange.getRequest().getMethod())) {
                    return chain.filter(exchange);
                }
                return attempt(exchange, chain, config, 0);
            }

            @Override
            public String toString() {
                return "ReadRetry[" + config.getRetries() + " retries]";
            }
        };
    }

    private static Mono<Void> attempt(
            ServerWebExchange exchange, GatewayFilterChain chain, Config config, int retried) {
        Mono<Void> call = chain.filter(exchange);
        if (retried >= config.getRetries()) {
            return call;
        }
        return call.then(Mono.fromSupplier(() -> isRetryableAnswer(exchange)))
                .onErrorResume(ServerFaults::isConnectionFault, error -> Mono.just(true))
                .flatMap(retry -> retry ? retryLater(exchange, chain, config, retried) : Mono.empty());
    }

    private static Mono<Void> retryLater(
            ServerWebExchange exchange, GatewayFilterChain chain, Config config, int retried) {
        ServerWebExchangeUtils.reset(exchange); // releases the failed attempt's connection and headers
        return Mono.delay(config.backoff(retried))
                .then(Mono.defer(() -> attempt(exchange, chain, config, retried + 1)));
    }

    private static boolean isRetryableAnswer(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status != null
                && ServerFaults.isFaultStatus(status.value())
                && !exchange.getResponse().getHeaders().containsHeader(HttpHeaders.RETRY_AFTER);
    }

    /** Route filter arguments. */
    public static class Config implements HasRouteId {

        private String routeId;

        private int retries = 2;

        private Duration firstBackoff = Duration.ofMillis(50);

        private Duration maxBackoff = Duration.ofMillis(500);

        Duration backoff(int retried) {
            Duration backoff = firstBackoff.multipliedBy(1L << Math.min(retried, 20));
            return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
        }

        @Override
        public void setRouteId(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public String getRouteId() {
            return routeId;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public Duration getFirstBackoff() {
            return firstBackoff;
        }

        public void setFirstBackoff(Duration firstBackoff) {
            this.firstBackoff = firstBackoff;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }
    }
}
