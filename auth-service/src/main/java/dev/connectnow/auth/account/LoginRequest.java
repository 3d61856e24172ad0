package dev.connectnow.auth.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/login}: {@code login} is an e-mail address or a username, either case. */
public record LoginRequest(
        @NotBlank @Size(max = 254) String login,
        @NotNull @Size(max = 1024) String password) {

    @Override
    public String toString() {
        return "LoginRequest[login=" + login + "]";
    }
}
