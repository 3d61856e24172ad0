package dev.connectnow.chassis.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers for a short while the access tokens whose signature was verified: a client sends the same token
 * with every request for its whole lifetime, and parsing plus RSA verification was the largest single share
 * of a service's CPU per request (docs/benchmarks.md, {@code message}). Only the signature check is
 * remembered: every use runs all claim checks again (expiry with clock skew, issuer, audience, subject,
 * session, and a service's own checks such as auth-service's "session still active"), so a token is refused
 * the moment it expires or its session ends.
 * <ul>
 * <li>Only tokens that passed every check are remembered; forged or garbage tokens never fill the cache,
 * which is bounded in size anyway.</li>
 * <li>An entry lives at most {@code ttl} after its verification: a signing key withdrawn from the issuer's
 * key set stops being trusted at most that much later than without this cache (the key set itself is
 * cached for minutes).</li>
 * <li>The cache key is the whole token, signature included: a token that differs in any byte is verified
 * on its own.</li>
 * </ul>
 * The gateway keeps the reactive twin of this class (it does not run on the servlet chassis).
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier decodes, verifies the signature and checks the claims
     * @param claims the claim checks {@code verifier} runs, repeated on every use of a remembered token
     */
    public VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, Duration ttl, long maxTokens) {
        this(verifier, claims, ttl, maxTokens, Ticker.systemTicker());
    }

    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, Duration ttl, long maxTokens, Ticker ticker) {
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
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known == null) {
            Jwt jwt = verifier.decode(token);
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = claims.validate(known);
        if (!result.hasErrors()) {
            return known;
        }
        verified.invalidate(token);
        String reasons =
                result.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; "));
        throw new JwtValidationException(reasons, result.getErrors());
    }
}
