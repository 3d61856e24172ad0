package dev.connectnow.chassis.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class VerdictTest {

    @Test
    void eachRefusalBecomesItsProblem() {
        assertThatCode(() -> Verdict.allow().orThrow()).doesNotThrowAnyException();
        assertThat(Verdict.allow().isAllowed()).isTrue();

        assertThatThrownBy(() -> Verdict.notFound().orThrow("Channel not found"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("Channel not found");
                });
        assertThatThrownBy(() -> Verdict.notFound().orThrow())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getMessage()).isEqualTo(Verdict.NOT_FOUND_DETAIL));
        assertThatThrownBy(() -> Verdict.forbidden("Only admins may rename").orThrow("Channel not found"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN);
                    assertThat(e.getMessage()).isEqualTo("Only admins may rename");
                });
        assertThatThrownBy(() -> Verdict.conflict("Transfer ownership first").orThrow())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
                    assertThat(e.getMessage()).isEqualTo("Transfer ownership first");
                });
    }

    @Test
    void allowIfForbidsWithTheReason() {
        assertThat(Verdict.allowIf(true, "no")).isEqualTo(Verdict.allow());
        assertThat(Verdict.allowIf(false, "Only members may post"))
                .isEqualTo(Verdict.forbidden("Only members may post"));
        assertThat(Verdict.forbidden("x").isAllowed()).isFalse();
        assertThat(Verdict.notFound().isAllowed()).isFalse();
    }

    @Test
    void refusalsThatTheCallerSeesMustSayWhyAndHiddenOnesMustNot() {
        assertThatThrownBy(() -> Verdict.forbidden(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Verdict.conflict(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict(Verdict.Outcome.NOT_FOUND, "it exists"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
