package dev.connectnow.auth.account;

import dev.connectnow.auth.user.OwnProfile;

/**
 * The answer of register, login and refresh.
 *
 * @param expiresIn seconds until {@code accessToken} expires
 */
public record TokenResponse(OwnProfile user, String accessToken, String refreshToken, long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[user=" + user.id() + "]";
    }
}
