package dev.connectnow.auth.sso.provider;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured OpenID Connect providers and the verification of their tokens: a token is accepted only when
 * its issuer is configured, it is signed (RS/PS/ES algorithms only: never {@code none} or an HMAC that a public
 * key could forge) by a key from that issuer's JWKS (never from {@code jku}, {@code jwk}, {@code x5u} or
 * {@code x5c} headers), and its claims pass {@link SubjectTokenChecks}. Every other service keeps accepting only
 * ConnectNow's own tokens; provider tokens are only ever read here.
 */
@Component
public class OidcProviders {

    private static final Logger log = LoggerFactory.getLogger(OidcProviders.class);

    /** Far above any real ID or access token; refused before any parsing. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;

    private static final Set<JWSAlgorithm> ALGORITHMS = Stream.concat(
                    JWSAlgorithm.Family.RSA.stream(), JWSAlgorithm.Family.EC.stream())
            .collect(Collectors.toUnmodifiableSet());

    private final Map<String, OidcProvider> byIssuer = new LinkedHashMap<>();
    private final Map<String, ProviderKeys> keys = new LinkedHashMap<>();
    private final OidcProperties settings;
    private final Clock clock;
    private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

    public OidcProviders(OidcProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        ProviderHttp http =
                new ProviderHttp(settings.connectTimeout(), settings.requestTimeout(), settings.maxDocumentBytes());
        settings.providers().forEach((name, provider) -> {
            OidcProvider checked = OidcProvider.of(name, provider);
            if (byIssuer.putIfAbsent(checked.issuer(), checked) != null) {
                throw new IllegalStateException(
                        "connectnow.auth.oidc.providers: two providers with issuer " + checked.issuer());
            }
            keys.put(checked.issuer(), new ProviderKeys(checked, http, clock, settings));
            log.info(
                    "Single sign-on provider {} ({}) accepted for client(s) {}{}",
                    checked.name(),
                    checked.issuer(),
                    checked.audiences(),
                    checked.trustVerifiedEmail() ? "; its verified e-mail addresses may link existing accounts" : "");
        });
    }

    public Collection<OidcProvider> all() {
        return byIssuer.values();
    }

    public Optional<OidcProvider> byIssuer(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }

    /**
     * @throws SubjectTokenRejectedException when any check fails (the reason is for logs only)
     * @throws ProviderUnavailableException  when the issuer's keys cannot be had right now
     */
    public VerifiedSubjectToken verify(String token, SubjectTokenType declared) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            throw new SubjectTokenRejectedException("missing or oversized");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new SubjectTokenRejectedException("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new SubjectTokenRejectedException("algorithm " + header.getAlgorithm() + " not allowed");
        }
        OidcProvider provider = Optional.ofNullable(claims.getIssuer())
                .map(byIssuer::get)
                .orElseThrow(() -> new SubjectTokenRejectedException("unknown issuer"));
        if (!signedByProvider(jwt, keys.get(provider.issuer()).candidates(header))) {
            throw new SubjectTokenRejectedException("signature not verified with " + provider.name() + "'s keys");
        }
        SubjectTokenChecks.problem(
                        checkable(header, claims),
                        declared,
                        provider.audiences(),
                        clock.instant(),
                        settings.clockSkew())
                .ifPresent(problem -> {
                    throw new SubjectTokenRejectedException(problem + " (" + provider.name() + ")");
                });
        return new VerifiedSubjectToken(
                provider,
                claims.getSubject(),
                string(claims, "email"),
                Boolean.TRUE.equals(claims.getClaim("email_verified")),
                string(claims, "preferred_username"),
                string(claims, "name"),
                string(claims, "given_name"),
                string(claims, "family_name"),
                claims.getExpirationTime().toInstant(),
                sha256(jwt.getPayload().toBytes()));
    }

    private boolean signedByProvider(SignedJWT jwt, List<JWK> candidates) {
        for (JWK key : candidates) {
            try {
                if (key instanceof AsymmetricJWK asymmetric) {
                    JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
                    if (jwt.verify(verifier)) {
                        return true;
                    }
                }
            } catch (JOSEException | IllegalStateException e) {
                // a key that does not fit the algorithm simply does not verify the token
            }
        }
        return false;
    }

    private static SubjectTokenChecks.Token checkable(JWSHeader header, JWTClaimsSet claims) {
        return new SubjectTokenChecks.Token(
                header.getType() == null ? null : header.getType().getType(),
                string(claims, "typ"),
                claims.getSubject(),
                claims.getAudience(),
                string(claims, "azp"),
                claims.getExpirationTime(),
                claims.getNotBeforeTime(),
                claims.getIssueTime());
    }

    /** A string claim, or null when absent or of another type (a provider's odd claim never fails a sign-in). */
    private static String string(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
