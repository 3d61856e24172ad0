package dev.connectnow.chassis.web;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One field of a PATCH body, which is in one of three states: <b>absent</b> (left out: unchanged), sent as
 * <b>null</b> (cleared, or a 400 where the field is required) or sent with a <b>value</b>. Request records
 * declare their fields with it and put bean-validation constraints on the type argument; they apply only to
 * a field that was sent, so {@code @NotNull} there is what makes a field required:
 *
 * <pre>{@code
 * public record UpdateWorkspaceRequest(
 *         PatchField<@NotBlank @CodePoints(max = 80) String> name,       // required: null is a 400
 *         PatchField<@CodePoints(max = 1000) String> description) {}     // optional: null clears it
 *
 * workspace.describe(request.description().applyTo(workspace.getDescription()));
 * }</pre>
 *
 * Jackson gives a field left out of the body {@link #absent()} (never a Java null), JSON null
 * {@link #of(Object) of(null)}, anything else the value read as {@code T} (with the mapper's rules: unknown
 * fields, NUL characters and wrong types are still 400s).
 */
@JsonDeserialize(using = PatchFieldDeserializer.class)
public final class PatchField<T> {

    private static final PatchField<?> ABSENT = new PatchField<>(false, null);
    private static final PatchField<?> NULL = new PatchField<>(true, null);

    private final boolean present;
    private final T value;

    private PatchField(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    /** The field was left out: the stored value stays as it is. */
    @SuppressWarnings("unchecked")
    public static <T> PatchField<T> absent() {
        return (PatchField<T>) ABSENT;
    }

    /** The field was sent with this value; {@code null} means it was sent as JSON null. */
    @SuppressWarnings("unchecked")
    public static <T> PatchField<T> of(T value) {
        return value == null ? (PatchField<T>) NULL : new PatchField<>(true, value);
    }

    /** Whether the field was sent (with a value or as null). */
    public boolean isPresent() {
        return present;
    }

    public boolean isAbsent() {
        return !present;
    }

    /** The value sent, null if sent as null. Only for a present field: check {@link #isPresent()} first. */
    public T value() {
        if (!present) {
            throw new IllegalStateException("the field was not sent");
        }
        return value;
    }

    /** What the stored value becomes: the value sent (null included), or {@code current} if left out. */
    public T applyTo(T current) {
        return present ? value : current;
    }

    /** Runs {@code action} with the value sent (possibly null); does nothing for an absent field. */
    public void ifPresent(Consumer<? super T> action) {
        if (present) {
            action.accept(value);
        }
    }

    /** The same state with the value converted, e.g. normalized; null and absent stay as they are. */
    public <R> PatchField<R> map(Function<? super T, ? extends R> mapper) {
        if (!present) {
            return absent();
        }
        return value == null ? of(null) : of(mapper.apply(value));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PatchField<?> field && present == field.present && Objects.equals(value, field.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, value);
    }

    @Override
    public String toString() {
        return present ? "PatchField[" + value + "]" : "PatchField[absent]";
    }
}
