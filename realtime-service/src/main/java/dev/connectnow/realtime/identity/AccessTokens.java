package dev.connectnow.realtime.identity;

import dev.connectnow.realtime.socket.TokenVerifier;
import java.util.UUID;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Checks IDENTIFY/RESUME tokens with the same decoder and validators every service uses (RS256 from
 * auth-service's JWKS, issuer, audience, expiry, UUID {@code sub} and {@code sid}). A token that fails a check
 * is invalid (4001); keys that cannot be fetched are an outage (1013), not the client's fault.
 */
public final class AccessTokens implements TokenVerifier {

    private final JwtDecoder decoder;

    public AccessTokens(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public VerifiedToken verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (BadJwtException invalid) {
            throw new InvalidTokenException(invalid.getMessage());
        }
        try {
            return new VerifiedToken(
                    UUID.fromString(jwt.getSubject()),
                    UUID.fromString(jwt.getClaimAsString("sid")),
                    jwt.getIssuedAt(),
                    jwt.getExpiresAt());
        } catch (IllegalArgumentException | NullPointerException notUuids) {
            throw new InvalidTokenException("sub and sid must be UUIDs");
        }
    }
}
