package dev.connectnow.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Remembers for a short while the access tokens whose signature was verified, so that the next requests
 * carrying the same token skip parsing and RSA verification — the largest share of the edge's CPU per
 * request. Only the signature check is remembered: every use runs all claim checks again (expiry with
 * clock skew, issuer, audience, subject, session), so a token is refused the moment it expires.
 * <ul>
 * <li>Only tokens that passed every check are remembered; forged or garbage tokens never fill the cache,
 * which is bounded in size anyway.</li>
 * <li>An entry lives at most {@code ttl} after its verification: a signing key withdrawn from the
 * issuer's key set stops being trusted at most that much later than without this cache (the key set
 * itself is cached for minutes).</li>
 * <li>The cache key is the whole token, signature included: a token that differs in any byte is
 * verified on its own.</li>
 * </ul>
 */
public final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;

    private final OAuth2TokenValidator<Jwt> claims;

    private final Cache<String, Jwt> verified;

    /**
     * @param verifier decodes, verifies the signature and checks the claims
     * @param claims the claim checks {@code verifier} runs, repeated on every use of a remembered token
     */
    public VerifiedTokens(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, Duration ttl, long maxTokens) {
        this(verifier, claims, ttl, maxTokens, Ticker.systemTicker());
    }

    VerifiedTokens(
            ReactiveJwtDecoder verifier,
            OAuth2TokenValidator<Jwt> claims,
            Duration ttl,
            long maxTokens,
            Ticker ticker) {
        this.verifier = verifier;
        this.claims = claims;
        this.verified = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(ttl)
                .maximumSize(maxTokens)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = claims.validate(known);
        if (!result.hasErrors()) {
            return Mono.just(known);
        }
        verified.invalidate(token);
        String reasons =
                result.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; "));
        return Mono.error(new JwtValidationException(reasons, result.getErrors()));
    }
}
