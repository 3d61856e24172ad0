package dev.connectnow.gateway.security;

import dev.connectnow.gateway.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 as a problem detail with an RFC 6750 {@code WWW-Authenticate} challenge. The reason a
 * token was rejected is logged at DEBUG, never returned (it would help forging) and the
 * token itself is never logged.
 */
public class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        boolean tokenPresented = ex instanceof OAuth2AuthenticationException
                || exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        if (tokenPresented) {
            log.debug(
                    "Rejected access token on {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    ex.getMessage());
            return Problems.write(
                    exchange,
                    HttpStatus.UNAUTHORIZED,
                    "The access token is invalid or expired.",
                    headers -> headers.set(
                            HttpHeaders.WWW_AUTHENTICATE,
                            "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""));
        }
        return Problems.write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "Authentication required: send an access token as 'Authorization: Bearer <token>'.",
                headers -> headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
    }
}
