package dev.connectnow.auth.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * In auth-service an access token is honoured only while the session that minted it ({@code sid}) is live
 * and its user is not banned, so logout, "sign out other devices", password change and ban take effect at
 * once here. One primary-key look-up per authenticated request, uncached: auth-service's authenticated
 * traffic is light and a cache would only reopen the window this check closes. Other services cannot see
 * sessions and rely on the access token's short lifetime instead.
 */
@Component
public class ActiveSessionValidator implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2TokenValidatorResult ENDED = OAuth2TokenValidatorResult.failure(
            new OAuth2Error("invalid_token", "The session of this token has ended", null));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ActiveSessionValidator(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        UUID userId = uuidOrNull(jwt.getSubject());
        UUID sessionId = uuidOrNull(jwt.getClaimAsString("sid"));
        if (userId == null || sessionId == null) {
            return ENDED; // the chassis' own validator reports the malformed claims
        }
        List<Boolean> live =
                jdbc.query("""
                        select s.revoked_at is null and s.expires_at > ? and not u.is_banned
                        from sessions s join users u on u.id = s.user_id
                        where s.id = ? and s.user_id = ?""", (rs, i) -> rs.getBoolean(1), Timestamp.from(clock.instant()), sessionId, userId);
        return !live.isEmpty() && live.get(0) ? OAuth2TokenValidatorResult.success() : ENDED;
    }

    private static UUID uuidOrNull(String value) {
        if (value == null || value.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
