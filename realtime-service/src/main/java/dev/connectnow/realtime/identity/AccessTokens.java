package dev.connectnow.realtime.identity;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.realtime.socket.TokenVerifier;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Checks IDENTIFY/RESUME tokens with the chassis' access-token decoder, the one every service uses (RS256 from
 * auth-service's JWKS, issuer, audience, expiry, UUID {@code sub} and {@code sid}). A token that fails a check
 * is invalid (4001); keys that cannot be fetched are an outage (4013), not the client's fault.
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
        AuthenticatedUser caller = AuthenticatedUser.from(jwt);
        return new VerifiedToken(caller.userId(), caller.sessionId(), jwt.getIssuedAt(), jwt.getExpiresAt());
    }
}
