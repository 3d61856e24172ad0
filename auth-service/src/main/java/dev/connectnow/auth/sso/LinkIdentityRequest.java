package dev.connectnow.auth.sso;

import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/users/me/identities}: a token of the provider account to link, and its RFC 8693 type. */
public record LinkIdentityRequest(
        @NotBlank String subjectToken, @NotBlank String subjectTokenType) {

    @Override
    public String toString() {
        return "LinkIdentityRequest[subjectTokenType=" + subjectTokenType + "]"; // never the token
    }
}
