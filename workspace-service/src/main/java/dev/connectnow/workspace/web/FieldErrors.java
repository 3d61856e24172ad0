package dev.connectnow.workspace.web;

import dev.connectnow.chassis.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects field problems found by the domain rules and turns them into the chassis' validation shape:
 * a 400 problem with {@code errors: [{field, message}]}, every offending field listed at once.
 */
public final class FieldErrors {

    private final List<FieldError> errors = new ArrayList<>();

    public FieldErrors check(String field, Optional<String> problem) {
        problem.ifPresent(message -> errors.add(new FieldError(field, message)));
        return this;
    }

    public FieldErrors add(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            ApiException invalid = ApiException.badRequest("The request is not valid");
            errors.forEach(error -> invalid.withFieldError(error.field(), error.message()));
            throw invalid;
        }
    }

    public record FieldError(String field, String message) {}
}
