package dev.connectnow.chassis.web;

import jakarta.servlet.http.HttpServletRequest;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The untranslated Hibernate form of a constraint violation (an explicit flush outside a repository) as the
 * same 409 as {@link DatabaseProblemDetailsAdvice}'s. A top-level class, imported only when Hibernate is on
 * the classpath: as a nested class of that advice it was registered with it, and a JDBC-only service failed
 * to start on the missing Hibernate class.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class HibernateProblemDetailsAdvice {

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> integrity(ConstraintViolationException e, HttpServletRequest request) {
        return DatabaseProblemDetailsAdvice.conflict(e, request);
    }
}
