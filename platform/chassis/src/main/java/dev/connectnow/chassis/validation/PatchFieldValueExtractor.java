package dev.connectnow.chassis.validation;

import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets bean validation see into a {@link PatchField}: constraints on its type argument
 * ({@code PatchField<@NotNull @CodePoints(max = 80) String>}) check the value sent, null included, and are
 * skipped for a field left out of the body, which changes nothing. Registered through
 * {@code META-INF/services}, so every validator of the application (Spring MVC's included) knows it.
 */
public class PatchFieldValueExtractor implements ValueExtractor<PatchField<@ExtractedValue ?>> {

    @Override
    public void extractValues(PatchField<?> field, ValueReceiver receiver) {
        if (field.isPresent()) {
            // no node name: a violation is reported on the field itself ("name", not "name.<value>")
            receiver.value(null, field.value());
        }
    }
}
