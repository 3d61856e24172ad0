package dev.connectnow.chassis.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.validation.CodePoints;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** The three states of a PATCH field as Jackson reads them, and bean validation of what was sent. */
class PatchFieldTest {

    record Patch(
            PatchField<@NotBlank @CodePoints(max = 5) String> name,
            PatchField<@CodePoints(max = 5) String> bio,
            PatchField<@NotNull Boolean> visible,
            PatchField<List<UUID>> ids) {}

    private static final JsonMapper JSON = JsonMapper.builder()
            .addModule(new TextSafetyModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void aFieldLeftOutIsAbsentNullIsPresentWithoutValueAndAValueIsRead() {
        UUID id = UUID.randomUUID();
        Patch patch = JSON.readValue("{\"bio\":null,\"visible\":true,\"ids\":[\"" + id + "\"]}", Patch.class);

        assertThat(patch.name()).isEqualTo(PatchField.absent());
        assertThat(patch.name().isAbsent()).isTrue();
        assertThat(patch.name().applyTo("kept")).isEqualTo("kept");
        assertThat(patch.bio().isPresent()).isTrue();
        assertThat(patch.bio().value()).isNull();
        assertThat(patch.bio().applyTo("old")).isNull();
        assertThat(patch.visible()).isEqualTo(PatchField.of(true));
        assertThat(patch.ids().value()).containsExactly(id);

        Patch empty = JSON.readValue("{}", Patch.class);
        assertThat(List.of(empty.name(), empty.bio(), empty.visible(), empty.ids()))
                .allMatch(PatchField::isAbsent);
    }

    @Test
    void theMappersRulesStillApplyToTheValue() {
        assertThatThrownBy(() -> JSON.readValue("{\"visible\":\"maybe\"}", Patch.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"name\":{\"x\":1}}", Patch.class))
                .isInstanceOf(MismatchedInputException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"name\":\"a\\u0000b\"}", Patch.class))
                .isInstanceOf(InvalidTextException.class);
        assertThatThrownBy(() -> JSON.readValue("{\"owner\":\"me\"}", Patch.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void constraintsApplyToSentValuesOnlyAndNotNullMakesAFieldRequired() {
        assertThat(violations(JSON.readValue("{}", Patch.class))).isEmpty();
        assertThat(violations(JSON.readValue("{\"bio\":null}", Patch.class))).isEmpty();
        assertThat(violations(JSON.readValue("{\"name\":\"ok\",\"bio\":\"fine\",\"visible\":false}", Patch.class)))
                .isEmpty();

        assertThat(violations(JSON.readValue("{\"name\":null,\"visible\":null}", Patch.class)))
                .containsExactlyInAnyOrder("name", "visible");
        assertThat(violations(JSON.readValue("{\"name\":\"  \",\"bio\":\"\uD83D\uDE00\uD83D\uDE00\"}", Patch.class)))
                .containsExactly("name");
        assertThat(violations(JSON.readValue("{\"name\":\"toolong\",\"bio\":\"sixsix\"}", Patch.class)))
                .containsExactlyInAnyOrder("name", "bio");
    }

    @Test
    void mapKeepsTheStateAndConvertsTheValue() {
        assertThat(PatchField.of(" Team ").map(String::trim)).isEqualTo(PatchField.of("Team"));
        assertThat(PatchField.<String>of(null).map(String::trim)).isEqualTo(PatchField.of(null));
        assertThat(PatchField.<String>absent().map(String::trim)).isEqualTo(PatchField.absent());
        assertThatThrownBy(() -> PatchField.absent().value()).isInstanceOf(IllegalStateException.class);
        StringBuilder seen = new StringBuilder();
        PatchField.<String>absent().ifPresent(seen::append);
        PatchField.of("x").ifPresent(seen::append);
        assertThat(seen).hasToString("x");
    }

    /** The property each violation is reported on, as Spring MVC names it in field errors. */
    private static Set<String> violations(Patch patch) {
        return VALIDATOR.validate(patch).stream().map(PatchFieldTest::field).collect(Collectors.toSet());
    }

    private static String field(ConstraintViolation<Patch> violation) {
        return violation.getPropertyPath().iterator().next().getName();
    }
}
