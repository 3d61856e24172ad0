package dev.connectnow.workspace.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shape rules of workspace fields, as the request records declare them. Lengths count Unicode code
 * points, not UTF-16 units: an emoji is one character, as users (and PostgreSQL's varchar) count it.
 */
class WorkspaceRequestsTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "team-42", "a1b", "0-0", "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghij"})
    void acceptsValidSlugs(String slug) {
        assertThat(create("Name", slug, null, null)).isEmpty();
        assertThat(patchSlug(slug)).isEmpty();
    }

    @Test
    void slugLengthIsThreeToFortyEight() {
        assertThat(create("Name", "ab", null, null)).containsExactly("slug");
        assertThat(create("Name", "a".repeat(3), null, null)).isEmpty();
        assertThat(create("Name", "a".repeat(48), null, null)).isEmpty();
        assertThat(create("Name", "a".repeat(49), null, null)).containsExactly("slug");
        assertThat(create("Name", null, null, null)).containsExactly("slug");
        assertThat(patchSlug(null)).as("the slug cannot be cleared").containsExactly("slug");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Team", "TEAM", "-abc", "abc-", "a_b", "a b", "a.b", "ab%", "émile", "abc\n", "' OR 1=1--", "ａｂｃ"
            })
    void rejectsInvalidSlugs(String slug) {
        assertThat(create("Name", slug, null, null)).containsExactly("slug");
        assertThat(patchSlug(slug)).containsExactly("slug");
    }

    @Test
    void namesCountCodePointsNotUtf16Units() {
        String eightyEmoji = "\uD83D\uDE00".repeat(80); // 80 code points, 160 UTF-16 units
        assertThat(eightyEmoji.length()).isEqualTo(160);
        assertThat(create(eightyEmoji, "abc", null, null)).isEmpty();
        assertThat(create("\uD83D\uDE00".repeat(81), "abc", null, null)).containsExactly("name");
        assertThat(create("n".repeat(80), "abc", null, null)).isEmpty();
        assertThat(create("n".repeat(81), "abc", null, null)).containsExactly("name");
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // ZWJ sequence: 5 code points
        assertThat(create(family.repeat(16), "abc", null, null)).isEmpty();
        assertThat(create(family.repeat(16) + "x", "abc", null, null)).containsExactly("name");
    }

    @Test
    void nameIsRequiredAndNotBlank() {
        assertThat(create(null, "abc", null, null)).containsExactly("name");
        assertThat(create("", "abc", null, null)).containsExactly("name");
        assertThat(create("   \t", "abc", null, null)).containsExactly("name");
        assertThat(create("x", "abc", null, null)).isEmpty();
        assertThat(create("\u202Eevil <img src=x onerror=alert(1)>", "abc", null, null))
                .isEmpty();
        assertThat(patch(new UpdateWorkspaceRequest(PatchField.of(null), absent(), absent(), absent(), absent())))
                .containsExactly("name");
    }

    @Test
    void descriptionIsOptionalUpToAThousandCodePoints() {
        assertThat(create("Name", "abc", null, null)).isEmpty();
        assertThat(create("Name", "abc", "", null)).isEmpty();
        assertThat(create("Name", "abc", "\uD83D\uDE00".repeat(1000), null)).isEmpty();
        assertThat(create("Name", "abc", "d".repeat(1001), null)).containsExactly("description");
        assertThat(patch(new UpdateWorkspaceRequest(
                        absent(), absent(), PatchField.of(null), PatchField.of(null), absent())))
                .as("description and icon can be cleared")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://cdn.example.com/icon.png",
                "http://example.com",
                "HTTPS://EXAMPLE.COM/a?b=c#d",
                "https://127.0.0.1:8080/x.png"
            })
    void acceptsWebIconUrls(String url) {
        assertThat(create("Name", "abc", null, url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "ftp://example.com/a.png",
                "data:image/png;base64,AAAA",
                "//example.com/a.png",
                "/icon.png",
                "https://",
                "https://exa mple.com",
                "example.com/icon.png",
                ""
            })
    void rejectsOtherIconUrls(String url) {
        assertThat(create("Name", "abc", null, url)).containsExactly("iconUrl");
    }

    @Test
    void iconUrlIsAtMost2048Characters() {
        String base = "https://example.com/";
        assertThat(create("Name", "abc", null, base + "a".repeat(2048 - base.length())))
                .isEmpty();
        assertThat(create("Name", "abc", null, base + "a".repeat(2049 - base.length())))
                .containsExactly("iconUrl");
    }

    @Test
    void visibilityIsRequired() {
        assertThat(fields(VALIDATOR.validate(new CreateWorkspaceRequest("Name", "abc", null, null, null))))
                .containsExactly("isPublic");
        assertThat(patch(new UpdateWorkspaceRequest(absent(), absent(), absent(), absent(), PatchField.of(null))))
                .containsExactly("isPublic");
        assertThat(patch(new UpdateWorkspaceRequest(absent(), absent(), absent(), absent(), absent())))
                .as("an empty PATCH is valid and changes nothing")
                .isEmpty();
    }

    private static Set<String> create(String name, String slug, String description, String iconUrl) {
        return fields(VALIDATOR.validate(new CreateWorkspaceRequest(name, slug, description, iconUrl, true)));
    }

    private static Set<String> patchSlug(String slug) {
        return patch(new UpdateWorkspaceRequest(absent(), PatchField.of(slug), absent(), absent(), absent()));
    }

    private static Set<String> patch(UpdateWorkspaceRequest request) {
        return fields(VALIDATOR.validate(request));
    }

    private static <T> Set<String> fields(Set<ConstraintViolation<T>> violations) {
        return violations.stream()
                .map(v -> v.getPropertyPath().iterator().next().getName())
                .collect(Collectors.toSet());
    }

    private static <T> PatchField<T> absent() {
        return PatchField.absent();
    }
}
