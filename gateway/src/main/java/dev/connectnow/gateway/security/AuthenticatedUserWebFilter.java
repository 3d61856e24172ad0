package dev.connectnow.gateway.security;

import dev.connectnow.gateway.logging.RequestAttributes;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Records the authenticated user id as an exchange attribute, so that filters outside the
 * security chain (the access log) can see it. Runs inside the security chain.
 */
public class AuthenticatedUserWebFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .doOnNext(principal -> {
                    if (principal instanceof JwtAuthenticationToken jwt
                            && jwt.getToken().getSubject() != null) {
                        exchange.getAttributes()
                                .put(RequestAttributes.USER_ID, jwt.getToken().getSubject());
                    }
                })
                .then(chain.filter(exchange));
    }
}
