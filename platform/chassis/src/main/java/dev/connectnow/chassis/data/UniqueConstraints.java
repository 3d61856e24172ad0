package dev.connectnow.chassis.data;

import dev.connectnow.chassis.web.ApiException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.util.ClassUtils;

/**
 * Turns a violated unique constraint into the 409 a client can act on: the field that must change, in the
 * shape of validation problems ({@code field} plus {@code errors: [{field, message}]}). Constraints are
 * recognised by name, which PostgreSQL reports in its own field of the error (not by matching message text,
 * which changes with the server's language and version).
 *
 * <pre>{@code
 * private static final UniqueConstraints UNIQUE = UniqueConstraints
 *         .of("users_email_lower_uq", "email", "An account with this e-mail address already exists")
 *         .and("users_username_uq", "username", "This username is taken");
 *
 * User saved = UNIQUE.guard(() -> users.saveAndFlush(user));
 * }</pre>
 *
 * A violation of any other constraint propagates unchanged: the chassis answers it with a generic 409 and
 * logs the constraint's name, never the rejected values.
 */
public final class UniqueConstraints {

    /** PostgreSQL's SQLSTATE class of integrity constraint violations (23505: unique, 23503: foreign key...). */
    static final String INTEGRITY_VIOLATION_CLASS = "23";

    private static final boolean POSTGRES_DRIVER =
            ClassUtils.isPresent("org.postgresql.util.PSQLException", UniqueConstraints.class.getClassLoader());

    private final Map<String, Taken> byConstraint;

    private UniqueConstraints(Map<String, Taken> byConstraint) {
        this.byConstraint = byConstraint;
    }

    /** A unique constraint (or unique index) and what the caller is told when a value collides with it. */
    public static UniqueConstraints of(String constraint, String field, String detail) {
        return new UniqueConstraints(Map.of()).and(constraint, field, detail);
    }

    public UniqueConstraints and(String constraint, String field, String detail) {
        Map<String, Taken> copy = new LinkedHashMap<>(byConstraint);
        copy.put(constraint, new Taken(field, detail));
        return new UniqueConstraints(Map.copyOf(copy));
    }

    /**
     * Runs a write that must reach the database now (use {@code saveAndFlush}, not {@code save}: a collision
     * found at commit would escape this guard) and maps a collision on a known constraint to its 409.
     */
    public <T> T guard(Supplier<T> write) {
        try {
            return write.get();
        } catch (DataIntegrityViolationException e) {
            throw translate(e);
        }
    }

    /** The 409 for a known constraint, else the exception itself, to be rethrown: {@code throw translate(e)}. */
    public RuntimeException translate(DataIntegrityViolationException e) {
        return violatedConstraint(e)
                .map(byConstraint::get)
                .<RuntimeException>map(taken -> taken(taken.field(), taken.detail()))
                .orElse(e);
    }

    /** The 409 a taken value gets, also for the friendly pre-check before the write. */
    public static ApiException taken(String field, String detail) {
        return ApiException.conflict(detail)
                .with("field", field)
                .with("errors", List.of(Map.of("field", field, "message", "is already taken")));
    }

    /**
     * The name of the integrity constraint a failure violated, from the PostgreSQL error in its cause chain
     * (or Hibernate's reading of it); empty for any other failure. Safe to log: a name, never a value.
     */
    public static Optional<String> violatedConstraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith(INTEGRITY_VIOLATION_CLASS)) {
                String name = POSTGRES_DRIVER ? PostgresErrors.constraintOf(sql) : null;
                if (name != null) {
                    return Optional.of(name);
                }
            }
            String hibernateName = HibernateErrors.constraintOf(t);
            if (hibernateName != null) {
                return Optional.of(hibernateName);
            }
        }
        return Optional.empty();
    }

    private record Taken(String field, String detail) {}

    /** Touches the driver's types only when the driver is present. */
    private static final class PostgresErrors {
        static String constraintOf(SQLException sql) {
            return sql instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null
                    ? psql.getServerErrorMessage().getConstraint()
                    : null;
        }
    }

    /** Hibernate keeps the name it read from the driver; present only in services with JPA. */
    private static final class HibernateErrors {
        private static final String TYPE = "org.hibernate.exception.ConstraintViolationException";
        private static final boolean PRESENT = ClassUtils.isPresent(TYPE, UniqueConstraints.class.getClassLoader());

        static String constraintOf(Throwable t) {
            return PRESENT && t instanceof org.hibernate.exception.ConstraintViolationException violation
                    ? violation.getConstraintName()
                    : null;
        }
    }
}
