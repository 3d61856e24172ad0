package dev.connectnow.workspace.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.web.PatchField;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class UpdateMemberRequestTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void nicknamesAreOptionalNotBlankAndShort() {
        assertThat(nickname(null)).as("null clears it").isEmpty();
        assertThat(nickname(" ")).containsExactly("nickname");
        assertThat(nickname("")).containsExactly("nickname");
        assertThat(nickname("\uD83E\uDD8A".repeat(80))).isEmpty();
        assertThat(nickname("n".repeat(81))).containsExactly("nickname");
    }

    @Test
    void theRoleCannotBeCleared() {
        assertThat(fields(new UpdateMemberRequest(PatchField.of(null), PatchField.absent())))
                .containsExactly("role");
        assertThat(fields(new UpdateMemberRequest(PatchField.of(WorkspaceRole.GUEST), PatchField.absent())))
                .isEmpty();
        assertThat(fields(new UpdateMemberRequest(PatchField.absent(), PatchField.absent())))
                .isEmpty();
    }

    private static Set<String> nickname(String nickname) {
        return fields(new UpdateMemberRequest(PatchField.absent(), PatchField.of(nickname)));
    }

    private static Set<String> fields(UpdateMemberRequest request) {
        return VALIDATOR.validate(request).stream()
                .map(v -> v.getPropertyPath().iterator().next().getName())
                .collect(Collectors.toSet());
    }
}
