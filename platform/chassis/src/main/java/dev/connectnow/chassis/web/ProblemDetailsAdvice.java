package dev.connectnow.chassis.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a client can see is an RFC 9457 problem detail. Validation problems name the offending
 * fields; nothing internal (stack traces, SQL, class names) is ever returned. Unexpected failures are
 * logged once here with the request path and become a plain 500. Database failures have their own advice
 * ({@link DatabaseProblemDetailsAdvice}, consulted first), present only in services with a database.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail problem = problem(e.status(), e.getMessage(), request);
        e.properties().forEach(problem::setProperty);
        ResponseEntity.BodyBuilder response =
                ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfter() != null) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The request is not valid", request);
        problem.setProperty(
                "errors",
                e.getConstraintViolations().stream()
                        .map(v -> Map.of("field", lastNode(v.getPropertyPath().toString()), "message", v.getMessage()))
                        .toList());
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' is not valid", request);
        problem.setProperty("errors", List.of(Map.of("field", e.getName(), "message", "has the wrong format")));
        return respond(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "You are not allowed to do this", request));
    }

    /**
     * A multipart body the container could not parse (no boundary, a part cut short, a NUL in a file name) is a
     * 400 and changes nothing; only a failure on this side (the part could not be spooled) is a 500
     * ({@link MultipartFailures}). A body over the upload limit is a {@code MaxUploadSizeExceededException},
     * answered 413 by the more specific handler of the base class.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unparsableMultipart(MultipartException e, HttpServletRequest request) {
        if (MultipartFailures.isServerSide(e)) {
            return unexpected(e, request);
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "The multipart body is not valid", request));
    }

    /** A 503 with {@code Retry-After}: the client may retry, and no circuit breaker counts it as our fault. */
    static ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("Database unavailable on {}: {}", request.getRequestURI(), rootMessage(e));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "The service is temporarily unavailable", request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFailures.isUnavailable(e)) {
            return databaseUnavailable(e, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred", request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setDetail("The request is not valid");
        problem.setProperty(
                "errors",
                ex.getBindingResult().getAllErrors().stream()
                        .map(error -> Map.of(
                                "field",
                                error instanceof FieldError field ? field.getField() : error.getObjectName(),
                                "message",
                                String.valueOf(error.getDefaultMessage())))
                        .toList());
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is not valid");
        problem.setProperty(
                "errors",
                ex.getParameterValidationResults().stream()
                        .flatMap(result -> result.getResolvableErrors().stream()
                                .map(error -> Map.of(
                                        "field",
                                                String.valueOf(result.getMethodParameter()
                                                        .getParameterName()),
                                        "message", String.valueOf(error.getDefaultMessage()))))
                        .toList());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, PayloadTooLargeException.class)) {
            ProblemDetail tooLarge =
                    ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large");
            return handleExceptionInternal(ex, tooLarge, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
        UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            problem.setProperty(
                    "errors", List.of(Map.of("field", unknown.getPropertyName(), "message", "is not a known field")));
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail) {
            HttpHeaders withType = new HttpHeaders();
            withType.addAll(response.getHeaders());
            withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(response.getBody(), withType, response.getStatusCode());
        }
        return response;
    }

    private static String unreadableDetail(HttpMessageNotReadableException ex) {
        UnrecognizedPropertyException unknown = find(ex, UnrecognizedPropertyException.class);
        if (unknown != null) {
            return "Unknown field '" + unknown.getPropertyName() + "'";
        }
        MalformedUtf8Exception malformed = find(ex, MalformedUtf8Exception.class);
        if (malformed != null) {
            return malformed.getMessage();
        }
        InvalidTextException invalidText = find(ex, InvalidTextException.class);
        if (invalidText != null) {
            return invalidText.getOriginalMessage();
        }
        JacksonException jackson = find(ex, JacksonException.class);
        if (jackson != null) {
            String path = jackson.getPathReference();
            return path == null || path.isBlank() || !path.contains("[\"")
                    ? "The request body is not valid JSON"
                    : "The value of '" + fieldName(path) + "' has the wrong type or format";
        }
        return "The request body is missing or not readable";
    }

    private static String fieldName(String pathReference) {
        int start = pathReference.lastIndexOf("[\"");
        int end = pathReference.lastIndexOf("\"]");
        return start >= 0 && end > start ? pathReference.substring(start + 2, end) : pathReference;
    }

    static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }

    static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
