package dev.connectnow.auth.sso.provider;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The claim rules a provider's signed token must pass, pure so that each is unit-tested. Each rule returns the
 * name of the failed check (for the operator's log), empty when the token passes.
 *
 * <ul>
 *   <li>Time: {@code exp} required and not passed, {@code nbf} and {@code iat} not in the future, each with the
 *       clock skew.</li>
 *   <li>Subject: {@code sub} present, at most 255 characters.</li>
 *   <li>ID token (OpenID Connect Core 3.1.3.7): {@code aud} contains an accepted client id; with several
 *       audiences {@code azp} is required; an {@code azp} present must be accepted.</li>
 *   <li>Access token: {@code aud} contains an accepted audience, or {@code azp} (the client the token was issued
 *       to, as Keycloak writes it) is an accepted client id.</li>
 *   <li>Type: what a token says about itself must match what it is declared as. A {@code typ} header of
 *       {@code at+jwt} (RFC 9068) marks an access token; Keycloak's {@code typ} claim says {@code ID} or
 *       {@code Bearer}. A token without such marks passes as either type: the audience rules then decide.</li>
 * </ul>
 */
public final class SubjectTokenChecks {

    static final int MAX_SUBJECT_LENGTH = 255;

    /** What the rules need of a token, so tests can state it directly. */
    public record Token(
            String headerType,
            String typeClaim,
            String subject,
            List<String> audience,
            String authorizedParty,
            Date expiresAt,
            Date notBefore,
            Date issuedAt) {}

    public static Optional<String> problem(
            Token token, SubjectTokenType declared, Set<String> accepted, Instant now, Duration skew) {
        return time(token, now, skew)
                .or(() -> subject(token))
                .or(() -> type(token, declared))
                .or(() -> audience(token, declared, accepted));
    }

    static Optional<String> time(Token token, Instant now, Duration skew) {
        if (token.expiresAt() == null) {
            return Optional.of("no exp");
        }
        if (!token.expiresAt().toInstant().plus(skew).isAfter(now)) {
            return Optional.of("expired");
        }
        if (token.notBefore() != null && token.notBefore().toInstant().isAfter(now.plus(skew))) {
            return Optional.of("not yet valid");
        }
        if (token.issuedAt() != null && token.issuedAt().toInstant().isAfter(now.plus(skew))) {
            return Optional.of("issued in the future");
        }
        return Optional.empty();
    }

    static Optional<String> subject(Token token) {
        String subject = token.subject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            return Optional.of("no usable sub");
        }
        return Optional.empty();
    }

    static Optional<String> type(Token token, SubjectTokenType declared) {
        String header = lower(token.headerType());
        String claim = lower(token.typeClaim());
        boolean accessMark = "at+jwt".equals(header) || "application/at+jwt".equals(header) || "bearer".equals(claim);
        boolean idMark = "id".equals(claim);
        boolean otherMark = claim != null && !idMark && !"bearer".equals(claim)
                || header != null
                        && !"jwt".equals(header)
                        && !"at+jwt".equals(header)
                        && !"application/at+jwt".equals(header);
        if (otherMark
                || declared == SubjectTokenType.ID_TOKEN && accessMark
                || declared == SubjectTokenType.ACCESS_TOKEN && idMark) {
            return Optional.of("not a token of the declared type");
        }
        return Optional.empty();
    }

    static Optional<String> audience(Token token, SubjectTokenType declared, Set<String> accepted) {
        List<String> audience = token.audience() == null ? List.of() : token.audience();
        String azp = token.authorizedParty();
        if (declared == SubjectTokenType.ID_TOKEN) {
            boolean ours = containsAny(audience, accepted);
            boolean partyOk = azp == null ? audience.size() == 1 : accepted.contains(azp);
            return ours && partyOk ? Optional.empty() : Optional.of("audience not accepted");
        }
        return containsAny(audience, accepted) || azp != null && accepted.contains(azp)
                ? Optional.empty()
                : Optional.of("audience not accepted");
    }

    private static boolean containsAny(Collection<String> values, Set<String> accepted) {
        return values.stream().anyMatch(accepted::contains);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private SubjectTokenChecks() {}
}
