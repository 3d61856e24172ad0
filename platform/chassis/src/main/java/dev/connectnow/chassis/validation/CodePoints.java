package dev.connectnow.chassis.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Length of a string in Unicode code points, not UTF-16 units: an emoji counts as one character, as users
 * (and PostgreSQL's varchar) count it. Null is valid; combine with {@code @NotNull} where required.
 */
@Documented
@Constraint(validatedBy = CodePointsValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CodePoints {

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    String message() default "must be between {min} and {max} characters long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
