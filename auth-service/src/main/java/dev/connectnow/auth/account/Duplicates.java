package dev.connectnow.auth.account;

import dev.connectnow.chassis.web.ApiException;
import java.util.List;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.dao.DataIntegrityViolationException;

/** Turns a unique-index violation on users into a 409 that names the field. */
final class Duplicates {

    static final String EMAIL_INDEX = "users_email_lower_uq";
    static final String USERNAME_INDEX = "users_username_uq";

    static ApiException conflict(DataIntegrityViolationException e) {
        String constraint = constraintName(e);
        if (EMAIL_INDEX.equals(constraint)) {
            return taken("email", "An account with this e-mail address already exists");
        }
        if (USERNAME_INDEX.equals(constraint)) {
            return taken("username", "This username is taken");
        }
        throw e;
    }

    static ApiException taken(String field, String detail) {
        return ApiException.conflict(detail)
                .with("field", field)
                .with("errors", List.of(Map.of("field", field, "message", "is already taken")));
    }

    private static String constraintName(DataIntegrityViolationException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return violation.getConstraintName();
            }
        }
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        return message.contains(EMAIL_INDEX) ? EMAIL_INDEX : message.contains(USERNAME_INDEX) ? USERNAME_INDEX : null;
    }

    private Duplicates() {}
}
