package dev.connectnow.auth.session;

/** Why a session ended; stored in {@code sessions.revoke_reason} for operators. */
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
}
