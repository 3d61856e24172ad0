package dev.connectnow.chassis.web;

import static dev.connectnow.chassis.web.ProblemDetailsAdvice.problem;
import static dev.connectnow.chassis.web.ProblemDetailsAdvice.respond;

import dev.connectnow.chassis.data.UniqueConstraints;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLTransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Database failures as problem details, in services that have a database (the web capability registers it
 * only when Spring's data-access classes are present). Ordered before {@link ProblemDetailsAdvice}, whose
 * catch-all would otherwise answer them with a 500.
 *
 * <ul>
 *   <li>A stale version is a 409 "reload and retry".</li>
 *   <li>A constraint violation the service did not map to a field ({@link UniqueConstraints}) is a generic
 *   409, logged with the constraint's name only: the rejected values may be e-mail addresses or names.</li>
 *   <li>An unreachable database or an exhausted pool is a 503 with {@code Retry-After}.</li>
 * </ul>
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class DatabaseProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProblemDetailsAdvice.class);

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> staleWrite(OptimisticLockingFailureException e, HttpServletRequest request) {
        return respond(
                problem(HttpStatus.CONFLICT, "The resource was changed by someone else; reload and retry", request));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e, HttpServletRequest request) {
        return conflict(e, request);
    }

    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        QueryTimeoutException.class,
        SQLTransientException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        return ProblemDetailsAdvice.databaseUnavailable(e, request);
    }

    static ResponseEntity<ProblemDetail> conflict(Exception e, HttpServletRequest request) {
        log.info(
                "Integrity violation on {}: constraint {}",
                request.getRequestURI(),
                UniqueConstraints.violatedConstraint(e).orElse("(unnamed)"));
        return respond(problem(HttpStatus.CONFLICT, "The request conflicts with existing data", request));
    }

    /** The untranslated Hibernate form, raised by an explicit flush outside a repository. */
    @RestControllerAdvice
    @Order(Ordered.LOWEST_PRECEDENCE - 1)
    public static class Hibernate {

        @ExceptionHandler(org.hibernate.exception.ConstraintViolationException.class)
        ResponseEntity<ProblemDetail> integrity(
                org.hibernate.exception.ConstraintViolationException e, HttpServletRequest request) {
            return conflict(e, request);
        }
    }
}
