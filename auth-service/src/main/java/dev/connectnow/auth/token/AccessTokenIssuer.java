package dev.connectnow.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.connectnow.chassis.config.ChassisProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Mints RS256 access tokens: {@code iss}, {@code aud}, {@code sub} (user id), {@code sid} (session id),
 * {@code preferred_username}, {@code iat}, {@code exp}, {@code jti}; header {@code kid} names the key.
 * Nothing else goes in: no e-mail, no roles (each service authorizes by its own data).
 */
@Component
public class AccessTokenIssuer {

    private final SigningKeys keys;
    private final RSASSASigner signer;
    private final Duration ttl;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    public AccessTokenIssuer(SigningKeys keys, TokenProperties properties, ChassisProperties chassis, Clock clock) {
        this.keys = keys;
        try {
            this.signer = new RSASSASigner(keys.current());
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key cannot sign", e);
        }
        this.ttl = properties.accessTokenTtl();
        this.issuer = chassis.getSecurity().getIssuer();
        this.audience = chassis.getSecurity().getAudience();
        this.clock = clock;
    }

    public IssuedToken issue(UUID userId, UUID sessionId, String username) {
        // whole seconds: JWT NumericDate has no fractions, so exp - iat is exactly the ttl
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(userId.toString())
                .claim("sid", sessionId.toString())
                .claim("preferred_username", username)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiresAt))
                .jwtID(UUID.randomUUID().toString())
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keys.currentKeyId())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), ttl.toSeconds(), expiresAt);
    }

    /** @param expiresIn seconds from now, as the API reports it */
    public record IssuedToken(String value, long expiresIn, Instant expiresAt) {}
}
