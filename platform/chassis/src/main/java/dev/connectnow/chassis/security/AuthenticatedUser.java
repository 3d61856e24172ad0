package dev.connectnow.chassis.security;

import java.util.UUID;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The caller of a request, taken from its validated access token. Controllers declare a parameter of this
 * type to get it; a request without a valid token never reaches them.
 *
 * @param userId    the token's {@code sub}
 * @param sessionId the token's {@code sid}: the device session that minted it
 * @param username  the token's {@code preferred_username}, informational only
 */
public record AuthenticatedUser(UUID userId, UUID sessionId, String username) {

    public static AuthenticatedUser from(Jwt jwt) {
        String sid = jwt.getClaimAsString("sid");
        return new AuthenticatedUser(
                UUID.fromString(jwt.getSubject()),
                sid == null ? null : UUID.fromString(sid),
                jwt.getClaimAsString("preferred_username"));
    }
}
