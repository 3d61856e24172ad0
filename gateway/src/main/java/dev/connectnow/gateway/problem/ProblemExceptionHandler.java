package dev.connectnow.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.TimeoutException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Renders every error that reaches the web handler as a problem detail, instead of Boot's
 * default error attributes. Never exposes exception messages of server errors.
 */
@Component
// ordered before Boot's DefaultErrorWebExceptionHandler (-1)
public class ProblemExceptionHandler implements WebExceptionHandler, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof AuthenticationServiceException) {
            // e.g. the signing keys could not be fetched: not the client's fault, do not say 401
            log.warn(
                    "Token validation unavailable on {} {}: {}",
                    exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(),
                    ex.getMessage());
            return Problems.write(
                    exchange, HttpStatus.SERVICE_UNAVAILABLE, "Authentication is temporarily unavailable.");
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatusCode status = rse.getStatusCode();
            if (status.is5xxServerError()) {
                log.warn(
                        "{} {} failed with {}: {}",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath().value(),
                        status.value(),
                        rse.getReason());
            }
            return Problems.write(
                    exchange,
                    status,
                    detail(status, rse),
                    headers -> rse.getHeaders().forEach(headers::addAll));
        }
        if (ex instanceof TimeoutException || ex instanceof java.util.concurrent.TimeoutException) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "The upstream service did not answer in time.");
        }
        log.error(
                "Unhandled error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(),
                ex);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error.");
    }

    private static String detail(HttpStatusCode status, ResponseStatusException ex) {
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return "No resource at this path.";
        }
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return "The service is unavailable.";
        }
        if (status.is4xxClientError() && ex.getReason() != null) {
            return ex.getReason();
        }
        return Problems.title(status) + ".";
    }
}
