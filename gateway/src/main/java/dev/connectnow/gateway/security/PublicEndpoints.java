package dev.connectnow.gateway.security;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The endpoints that need no access token (docs/gateway.md, "Public endpoints"). Decided once per request and
 * remembered on the exchange: both the bearer-token converter and the authorization rules ask, and Spring
 * Security's own {@code OrServerWebExchangeMatcher} of one matcher per pattern answered each time through a
 * reactive pipeline per pattern, a visible share of the edge's CPU per request.
 */
final class PublicEndpoints implements ServerWebExchangeMatcher {

    private static final String DECISION = PublicEndpoints.class.getName() + ".decision";

    private static final Mono<MatchResult> MATCH = MatchResult.match();

    private static final Mono<MatchResult> NO_MATCH = MatchResult.notMatch();

    private final List<Endpoint> endpoints;

    private PublicEndpoints(List<Endpoint> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    static PublicEndpoints of(boolean permitPrometheus) {
        List<Endpoint> endpoints = new ArrayList<>(List.of(
                Endpoint.of(HttpMethod.POST, "/api/auth/register"),
                Endpoint.of(HttpMethod.POST, "/api/auth/login"),
                Endpoint.of(HttpMethod.POST, "/api/auth/refresh"),
                // single sign-on: a provider's token is exchanged for ConnectNow tokens (auth-service checks it)
                Endpoint.of(HttpMethod.POST, "/api/auth/token"),
                Endpoint.of(HttpMethod.GET, "/.well-known/jwks.json"),
                Endpoint.of(HttpMethod.GET, "/livez"),
                Endpoint.of(HttpMethod.GET, "/readyz"),
                Endpoint.of(null, "/actuator/health"),
                Endpoint.of(null, "/actuator/health/**"),
                Endpoint.of(null, "/actuator/info"),
                // OpenAPI documents and Swagger UI
                Endpoint.of(HttpMethod.GET, "/v3/api-docs"),
                Endpoint.of(HttpMethod.GET, "/v3/api-docs/**"),
                Endpoint.of(HttpMethod.GET, "/swagger-ui.html"),
                Endpoint.of(HttpMethod.GET, "/swagger-ui/**"),
                Endpoint.of(HttpMethod.GET, "/webjars/swagger-ui/**"),
                // the WebSocket authenticates with its first frame (IDENTIFY), not at the edge
                Endpoint.of(HttpMethod.GET, "/ws"),
                Endpoint.of(HttpMethod.GET, "/ws/resume/*"),
                // static files of the web client, when the gateway serves one
                Endpoint.of(HttpMethod.GET, "/"),
                Endpoint.of(HttpMethod.GET, "/index.html"),
                Endpoint.of(HttpMethod.GET, "/favicon.ico"),
                Endpoint.of(HttpMethod.GET, "/assets/**")));
        if (permitPrometheus) {
            endpoints.add(Endpoint.of(HttpMethod.GET, "/actuator/prometheus"));
        }
        return new PublicEndpoints(endpoints);
    }

    @Override
    public Mono<MatchResult> matches(ServerWebExchange exchange) {
        return isPublic(exchange) ? MATCH : NO_MATCH;
    }

    boolean isPublic(ServerWebExchange exchange) {
        Boolean decided = exchange.getAttribute(DECISION);
        if (decided == null) {
            decided = decide(exchange.getRequest());
            exchange.getAttributes().put(DECISION, decided);
        }
        return decided;
    }

    private boolean decide(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        HttpMethod method = request.getMethod();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.matches(method, path)) {
                return true;
            }
        }
        return false;
    }

    private record Endpoint(@Nullable HttpMethod method, PathPattern pattern) {

        static Endpoint of(@Nullable HttpMethod method, String pattern) {
            return new Endpoint(method, PathPatternParser.defaultInstance.parse(pattern));
        }

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && pattern.matches(path);
        }
    }
}
