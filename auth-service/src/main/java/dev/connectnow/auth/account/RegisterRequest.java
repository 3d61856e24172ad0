package dev.connectnow.auth.account;

import dev.connectnow.auth.user.Emails;
import dev.connectnow.auth.user.Usernames;
import dev.connectnow.chassis.validation.CodePoints;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/register}. The password's rules live in {@code PasswordPolicy} (they need the list). */
public record RegisterRequest(
        @NotNull @Size(max = Emails.MAX_LENGTH) @Pattern(regexp = Emails.PATTERN, message = "must be an e-mail address")
        String email,

        @NotNull
        @Pattern(
                regexp = Usernames.INPUT_PATTERN,
                message = "must be 3-32 characters of letters, digits, '_', '.' and '-'")
        String username,

        @NotNull String password,
        @NotBlank @CodePoints(min = 1, max = 64) String displayName) {

    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + "]"; // never the password (or the e-mail) in logs
    }
}
