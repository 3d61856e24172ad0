package dev.connectnow.auth.sso;

import dev.connectnow.auth.sso.provider.ProviderUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A provider that cannot be reached is a temporary condition on someone else's side: 503 with
 * {@code Retry-After}, never 500. Ordered before the chassis' catch-all handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProviderUnavailableAdvice {

    @ExceptionHandler(ProviderUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ProviderUnavailableException e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The identity provider cannot be reached right now; try again shortly");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("provider", e.provider());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)))
                .body(problem);
    }
}
