package dev.connectnow.channel.common;

import dev.connectnow.chassis.web.ApiException;

import java.util.List;
import java.util.Map;

/** A 400 shaped like the chassis' bean-validation problems, for rules checked in domain code. */
public final class FieldErrors {

    public static ApiException invalid(String field, String message) {
        return ApiException.badRequest("The request is not valid")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }

    private FieldErrors() {
    }
}
