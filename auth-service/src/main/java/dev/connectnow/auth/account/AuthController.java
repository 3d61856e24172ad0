package dev.connectnow.auth.account;

import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.chassis.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication", description = "Register, sign in, refresh tokens, sign out, change password")
class AuthController {

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an account and sign in (opens a session)")
    TokenResponse register(@Valid @RequestBody RegisterRequest request, ClientInfo client) {
        return accounts.register(request, client);
    }

    @PostMapping("/api/auth/login")
    @Operation(summary = "Sign in with e-mail or username (case-insensitive); opens a session")
    TokenResponse login(@Valid @RequestBody LoginRequest request, ClientInfo client) {
        return accounts.login(request, client);
    }

    @PostMapping("/api/auth/refresh")
    @Operation(summary = "Exchange a refresh token for a new pair; the old refresh token is spent")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request, ClientInfo client) {
        return accounts.refresh(request, client);
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End the session of the access token used")
    void logout(AuthenticatedUser me) {
        accounts.logout(me);
    }

    @PutMapping("/api/users/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Change my password; every other session ends (403 when currentPassword is wrong)")
    void changePassword(AuthenticatedUser me, @Valid @RequestBody PasswordChangeRequest request, ClientInfo client) {
        accounts.changePassword(me, request, client);
    }
}
