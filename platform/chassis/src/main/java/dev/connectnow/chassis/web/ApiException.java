package dev.connectnow.chassis.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A domain decision that the caller gets as a problem detail: thrown from domain code, translated by the
 * chassis' exception handler. Extra properties (e.g. the current state on a 409) become problem members.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private Duration retryAfter;

    public ApiException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    /** A 400 shaped like bean-validation problems, for rules checked in domain code. */
    public static ApiException invalidField(String field, String message) {
        return badRequest("The request is not valid").withFieldError(field, message);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(HttpStatus.UNAUTHORIZED, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, detail);
    }

    /** Also for things the caller may not know exist: the answer must not differ from "absent". */
    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }

    public static ApiException tooManyRequests(String detail, Duration retryAfter) {
        ApiException e = new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail);
        e.retryAfter = retryAfter;
        return e;
    }

    /**
     * A service this request needs is down or too slow, and nothing was changed: the client may retry after
     * the given time. Never for the caller's own mistakes (those are 4xx).
     */
    public static ApiException serviceUnavailable(String detail, Duration retryAfter) {
        ApiException e = new ApiException(HttpStatus.SERVICE_UNAVAILABLE, detail);
        e.retryAfter = retryAfter;
        return e;
    }

    public ApiException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    /** Adds an entry to the problem's {@code errors} list, the shape bean validation uses. */
    @SuppressWarnings("unchecked")
    public ApiException withFieldError(String field, String message) {
        List<Map<String, String>> errors = (List<Map<String, String>>)
                properties.computeIfAbsent("errors", key -> new ArrayList<Map<String, String>>());
        errors.add(Map.of("field", field, "message", message));
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
