package dev.connectnow.auth.session;

import dev.connectnow.events.user.UserEvents;

/**
 * Why a session ended; stored in {@code sessions.revoke_reason} for operators and published in
 * {@code session.revoked} (same names as {@link UserEvents.RevocationReason}).
 */
public enum RevokeReason {
    LOGOUT("logout"),
    REVOKED_BY_USER("revoked_by_user"),
    PASSWORD_CHANGED("password_changed"),
    BANNED("banned"),
    REFRESH_TOKEN_REUSED("refresh_token_reused"),
    SESSION_LIMIT("session_limit");

    private final String code;

    RevokeReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public UserEvents.RevocationReason event() {
        return UserEvents.RevocationReason.valueOf(name());
    }
}
