package dev.connectnow.auth.account;

import dev.connectnow.auth.token.AccessTokenIssuer;
import dev.connectnow.auth.user.OwnProfile;
import dev.connectnow.auth.user.User;
import java.util.UUID;

/**
 * The answer of register, login, refresh and the single sign-on token exchange.
 *
 * @param expiresIn seconds until {@code accessToken} expires
 */
public record TokenResponse(OwnProfile user, String accessToken, String refreshToken, long expiresIn) {

    /** A new access token for the session, with the user's profile and the session's current refresh token. */
    public static TokenResponse signedIn(AccessTokenIssuer tokens, User user, UUID sessionId, String refreshToken) {
        AccessTokenIssuer.IssuedToken token = tokens.issue(user.getId(), sessionId, user.getUsername());
        return new TokenResponse(OwnProfile.of(user), token.value(), refreshToken, token.expiresIn());
    }

    @Override
    public String toString() {
        return "TokenResponse[user=" + user.id() + "]";
    }
}
