package dev.connectnow.gateway.security;

import dev.connectnow.gateway.config.EdgeSecurityProperties;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Builds the edge's access-token decoder: RS256 only (so {@code alg=none} and HMAC
 * tokens are rejected whatever they claim), keys only from the issuer's JWKS (a
 * {@code jku}/{@code jwk} header is never followed), and the claim contract of the suite.
 * Verified tokens are remembered briefly ({@link VerifiedTokens}).
 */
public final class EdgeJwtDecoders {

    /** The claim holding the session (device) id. */
    public static final String SESSION_ID_CLAIM = "sid";

    private EdgeJwtDecoders() {}

    public static ReactiveJwtDecoder create(EdgeSecurityProperties properties, CachingJwkSetSource keys) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(
                        signedJwt -> keys.get(signedJwt.getHeader()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .validateType(false) // checked by JwtTypeValidator below, which also accepts at+jwt
                .build();
        OAuth2TokenValidator<Jwt> claims = validator(properties);
        decoder.setJwtValidator(claims);
        // Failing to get the keys is not the token's fault: surface it as a plain JwtException,
        // which Spring Security turns into AuthenticationServiceException (→ 503), not 401.
        ReactiveJwtDecoder verifier = token -> decoder.decode(token)
                .onErrorMap(
                        ex -> !(ex instanceof JwtException),
                        ex -> new JwtException("The token signing keys are unavailable", ex));
        if (properties.verifiedTokenCacheSize() <= 0) {
            return verifier;
        }
        return new VerifiedTokens(verifier, claims, properties.verifiedTokenTtl(), properties.verifiedTokenCacheSize());
    }

    public static OAuth2TokenValidator<Jwt> validator(EdgeSecurityProperties properties) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(properties.clockSkew());
        timestamps.setAllowEmptyExpiryClaim(false);
        JwtTypeValidator type = new JwtTypeValidator("JWT", "at+jwt");
        type.setAllowEmpty(true);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                type,
                timestamps,
                issuedAt(properties.clockSkew()),
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<Object>(JwtClaimNames.SUB, EdgeJwtDecoders::isUuid),
                new JwtClaimValidator<Object>(SESSION_ID_CLAIM, EdgeJwtDecoders::isUuid)));
    }

    /** {@code iat} is required and not in the future (beyond the skew); any age is fine, {@code exp} bounds it. */
    private static OAuth2TokenValidator<Jwt> issuedAt(Duration clockSkew) {
        OAuth2Error invalid =
                new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The iat claim is missing or in the future", null);
        return jwt -> {
            Instant issuedAt = jwt.getIssuedAt();
            boolean valid = issuedAt != null && !issuedAt.isAfter(Instant.now().plus(clockSkew));
            return valid ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(invalid);
        };
    }

    static boolean isUuid(Object value) {
        if (!(value instanceof String text) || text.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /**
     * Fetches the JWKS document. An {@code lb://service/path} URI goes through the
     * LoadBalancer (service registry); anything else is fetched directly.
     */
    public static Supplier<Mono<String>> jwksFetcher(
            URI jwkSetUri,
            WebClient.Builder builder,
            Supplier<ExchangeFilterFunction> loadBalancerFilter,
            Duration timeout) {
        WebClient client;
        URI target;
        if ("lb".equalsIgnoreCase(jwkSetUri.getScheme())) {
            target = URI.create("http" + jwkSetUri.toString().substring(2));
            client = builder.clone().filter(loadBalancerFilter.get()).build();
        } else {
            target = jwkSetUri;
            client = builder.clone().build();
        }
        return () -> client.get()
                .uri(target)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(String.class)
                .timeout(timeout);
    }
}
