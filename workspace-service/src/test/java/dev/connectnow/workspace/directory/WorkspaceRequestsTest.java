package dev.connectnow.workspace.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkspaceRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "team-42", "a1b", "0-0", "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghij"})
    void acceptsValidSlugs(String slug) {
        assertThat(WorkspaceRules.slugProblem(slug)).isEmpty();
    }

    @Test
    void slugLengthIsThreeToFortyEight() {
        assertThat(WorkspaceRules.slugProblem("ab")).isPresent();
        assertThat(WorkspaceRules.slugProblem("a".repeat(3))).isEmpty();
        assertThat(WorkspaceRules.slugProblem("a".repeat(48))).isEmpty();
        assertThat(WorkspaceRules.slugProblem("a".repeat(49))).isPresent();
        assertThat(WorkspaceRules.slugProblem(null)).contains("is required");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"Team", "TEAM", "-abc", "abc-", "a_b", "a b", "a.b", "ab%", "émile", "abc\n", "' OR 1=1--", "ａｂｃ"
            })
    void rejectsInvalidSlugs(String slug) {
        assertThat(WorkspaceRules.slugProblem(slug)).isPresent();
    }

    @Test
    void namesCountCodePointsNotUtf16Units() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // ZWJ sequence: 5 code points, 8 units
        assertThat(WorkspaceRules.codePoints(family)).isEqualTo(5);
        String eightyEmoji = "\uD83D\uDE00".repeat(80); // 80 code points, 160 UTF-16 units
        assertThat(eightyEmoji.length()).isEqualTo(160);
        assertThat(WorkspaceRules.nameProblem(eightyEmoji)).isEmpty();
        assertThat(WorkspaceRules.nameProblem("\uD83D\uDE00".repeat(81))).isPresent();
        assertThat(WorkspaceRules.nameProblem("n".repeat(80))).isEmpty();
        assertThat(WorkspaceRules.nameProblem("n".repeat(81))).isPresent();
    }

    @Test
    void nameIsRequiredAndNotBlank() {
        assertThat(WorkspaceRules.nameProblem(null)).contains("is required");
        assertThat(WorkspaceRules.nameProblem("")).isPresent();
        assertThat(WorkspaceRules.nameProblem("   \t")).isPresent();
        assertThat(WorkspaceRules.nameProblem("x")).isEmpty();
        assertThat(WorkspaceRules.nameProblem("\u202Eevil <img src=x onerror=alert(1)>"))
                .isEmpty();
    }

    @Test
    void descriptionIsOptionalUpToAThousandCodePoints() {
        assertThat(WorkspaceRules.descriptionProblem(null)).isEmpty();
        assertThat(WorkspaceRules.descriptionProblem("")).isEmpty();
        assertThat(WorkspaceRules.descriptionProblem("\uD83D\uDE00".repeat(1000)))
                .isEmpty();
        assertThat(WorkspaceRules.descriptionProblem("d".repeat(1001))).isPresent();
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
        assertThat(WorkspaceRules.iconUrlProblem(url)).isEmpty();
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
        assertThat(WorkspaceRules.iconUrlProblem(url)).isPresent();
    }

    @Test
    void iconUrlIsAtMost2048Characters() {
        String base = "https://example.com/";
        assertThat(WorkspaceRules.iconUrlProblem(base + "a".repeat(2048 - base.length())))
                .isEmpty();
        assertThat(WorkspaceRules.iconUrlProblem(base + "a".repeat(2049 - base.length())))
                .isPresent();
        assertThat(WorkspaceRules.iconUrlProblem(null)).isEmpty();
    }

    @Test
    void nicknamesAreOptionalNotBlankAndShort() {
        assertThat(WorkspaceRules.nicknameProblem(null)).isEmpty();
        assertThat(WorkspaceRules.nicknameProblem(" ")).isPresent();
        assertThat(WorkspaceRules.nicknameProblem("\uD83E\uDD8A".repeat(80))).isEmpty();
        assertThat(WorkspaceRules.nicknameProblem("n".repeat(81))).isPresent();
    }
}
