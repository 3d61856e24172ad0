package dev.connectnow.auth.sso.provider;

import static dev.connectnow.auth.sso.provider.SubjectTokenType.ACCESS_TOKEN;
import static dev.connectnow.auth.sso.provider.SubjectTokenType.ID_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubjectTokenChecksTest {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    static final Duration SKEW = Duration.ofSeconds(30);
    static final Set<String> ACCEPTED = Set.of("connectnow-web", "connectnow-mobile");

    @Test
    void aPlainIdTokenForOurClientPassesAsEitherType() {
        assertThat(check(token(), ID_TOKEN)).isEmpty();
        assertThat(check(token(), ACCESS_TOKEN)).isEmpty();
    }

    @Test
    void expiryIsRequiredAndHonouredWithTheSkew() {
        assertThat(check(withTimes(null, null, null), ID_TOKEN)).contains("no exp");
        assertThat(check(withTimes(NOW.minusSeconds(31), null, null), ID_TOKEN)).contains("expired");
        assertThat(check(withTimes(NOW.minusSeconds(29), null, null), ID_TOKEN)).isEmpty();
        assertThat(check(withTimes(NOW.plusSeconds(60), NOW.plusSeconds(31), null), ID_TOKEN))
                .contains("not yet valid");
        assertThat(check(withTimes(NOW.plusSeconds(60), NOW.plusSeconds(29), null), ID_TOKEN))
                .isEmpty();
        assertThat(check(withTimes(NOW.plusSeconds(600), null, NOW.plusSeconds(31)), ID_TOKEN))
                .contains("issued in the future");
    }

    @Test
    void theSubjectMustBeUsable() {
        for (String subject : new String[] {null, "", "  ", "s".repeat(256)}) {
            assertThat(check(withSubject(subject), ID_TOKEN))
                    .as("sub %s", subject)
                    .contains("no usable sub");
        }
        assertThat(check(withSubject("s".repeat(255)), ID_TOKEN)).isEmpty();
    }

    @Test
    void whatATokenSaysAboutItsTypeMustMatchTheDeclaredType() {
        // RFC 9068 access tokens and Keycloak's typ claim
        assertThat(check(typed("at+jwt", null), ACCESS_TOKEN)).isEmpty();
        assertThat(check(typed("application/at+jwt", null), ACCESS_TOKEN)).isEmpty();
        assertThat(check(typed("JWT", "Bearer"), ACCESS_TOKEN)).isEmpty();
        assertThat(check(typed("at+jwt", null), ID_TOKEN)).isPresent();
        assertThat(check(typed("JWT", "Bearer"), ID_TOKEN)).isPresent();
        assertThat(check(typed("JWT", "ID"), ID_TOKEN)).isEmpty();
        assertThat(check(typed(null, "ID"), ACCESS_TOKEN)).isPresent();
        // other kinds of token are neither
        for (SubjectTokenType declared : SubjectTokenType.values()) {
            assertThat(check(typed("JWT", "Refresh"), declared)).isPresent();
            assertThat(check(typed("logout+jwt", null), declared)).isPresent();
        }
    }

    @Test
    void idTokensMustBeForOneOfOurClients() {
        assertThat(check(audience(List.of("connectnow-mobile"), null), ID_TOKEN))
                .isEmpty();
        assertThat(check(audience(List.of("someone-else"), null), ID_TOKEN)).contains("audience not accepted");
        assertThat(check(audience(List.of(), "connectnow-web"), ID_TOKEN)).isPresent();
        // several audiences need an authorized party, and it must be ours
        assertThat(check(audience(List.of("connectnow-web", "other"), null), ID_TOKEN))
                .isPresent();
        assertThat(check(audience(List.of("connectnow-web", "other"), "connectnow-web"), ID_TOKEN))
                .isEmpty();
        assertThat(check(audience(List.of("connectnow-web", "other"), "other"), ID_TOKEN))
                .isPresent();
        assertThat(check(audience(List.of("connectnow-web"), "other"), ID_TOKEN))
                .isPresent();
    }

    @Test
    void accessTokensMustBeForUsOrIssuedToOneOfOurClients() {
        assertThat(check(audience(List.of("connectnow-web"), null), ACCESS_TOKEN))
                .isEmpty();
        assertThat(check(audience(List.of("account"), "connectnow-web"), ACCESS_TOKEN))
                .isEmpty();
        assertThat(check(audience(List.of(), "connectnow-mobile"), ACCESS_TOKEN))
                .isEmpty();
        assertThat(check(audience(List.of("account"), "other"), ACCESS_TOKEN)).isPresent();
        assertThat(check(audience(List.of(), null), ACCESS_TOKEN)).isPresent();
    }

    private static Optional<String> check(SubjectTokenChecks.Token token, SubjectTokenType declared) {
        return SubjectTokenChecks.problem(token, declared, ACCEPTED, NOW, SKEW);
    }

    private static SubjectTokenChecks.Token token() {
        return new SubjectTokenChecks.Token(
                "JWT",
                null,
                "subject-1",
                List.of("connectnow-web"),
                "connectnow-web",
                Date.from(NOW.plusSeconds(300)),
                Date.from(NOW.minusSeconds(5)),
                Date.from(NOW.minusSeconds(5)));
    }

    private static SubjectTokenChecks.Token withTimes(Instant exp, Instant nbf, Instant iat) {
        SubjectTokenChecks.Token t = token();
        return new SubjectTokenChecks.Token(
                t.headerType(),
                t.typeClaim(),
                t.subject(),
                t.audience(),
                t.authorizedParty(),
                date(exp),
                date(nbf),
                date(iat));
    }

    private static SubjectTokenChecks.Token withSubject(String subject) {
        SubjectTokenChecks.Token t = token();
        return new SubjectTokenChecks.Token(
                t.headerType(),
                t.typeClaim(),
                subject,
                t.audience(),
                t.authorizedParty(),
                t.expiresAt(),
                t.notBefore(),
                t.issuedAt());
    }

    private static SubjectTokenChecks.Token typed(String header, String claim) {
        SubjectTokenChecks.Token t = token();
        return new SubjectTokenChecks.Token(
                header,
                claim,
                t.subject(),
                t.audience(),
                t.authorizedParty(),
                t.expiresAt(),
                t.notBefore(),
                t.issuedAt());
    }

    private static SubjectTokenChecks.Token audience(List<String> audience, String azp) {
        SubjectTokenChecks.Token t = token();
        return new SubjectTokenChecks.Token(
                t.headerType(), t.typeClaim(), t.subject(), audience, azp, t.expiresAt(), t.notBefore(), t.issuedAt());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
