package dev.connectnow.auth.account;

import dev.connectnow.auth.password.PasswordPolicy;
import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.auth.session.RevokeReason;
import dev.connectnow.auth.session.SessionService;
import dev.connectnow.auth.throttle.AttemptThrottle;
import dev.connectnow.auth.token.AccessTokenIssuer;
import dev.connectnow.auth.user.Emails;
import dev.connectnow.auth.user.User;
import dev.connectnow.auth.user.UserRepository;
import dev.connectnow.auth.user.Usernames;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registration, login, refresh, logout and password change. Deliberately not transactional itself: the
 * slow Argon2 work happens here, between short transactions ({@link AccountStore}, {@link SessionService}).
 */
@Service
public class AccountService {

    private static final String WRONG_CREDENTIALS = "The login or password is wrong";

    private final UserRepository users;
    private final AccountStore store;
    private final SessionService sessions;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;
    private final AttemptThrottle throttle;
    private final AccessTokenIssuer tokens;
    /** Verified against when the login names no account, so both cases cost the same Argon2 time. */
    private final String decoyHash;

    public AccountService(
            UserRepository users,
            AccountStore store,
            SessionService sessions,
            PasswordEncoder passwords,
            PasswordPolicy policy,
            AttemptThrottle throttle,
            AccessTokenIssuer tokens) {
        this.users = users;
        this.store = store;
        this.sessions = sessions;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.tokens = tokens;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.decoyHash = passwords.encode(Base64.getEncoder().encodeToString(random));
    }

    public TokenResponse register(RegisterRequest request, ClientInfo client) {
        String username = Usernames.normalize(request.username())
                .orElseThrow(() -> invalid("username", "must be 3-32 characters of letters, digits, '_', '.' and '-'"));
        requireAcceptable("password", request.password(), username, request.email());
        throttle.reserveRegistration(client.ipAddress());
        // friendly early answer; the unique indexes decide races (see AccountStore.register)
        if (users.existsByEmailIgnoreCase(request.email())) {
            throw Duplicates.taken("email", "An account with this e-mail address already exists");
        }
        if (users.existsByUsername(username)) {
            throw Duplicates.taken("username", "This username is taken");
        }
        String hash = passwords.encode(request.password());
        AccountStore.SignedIn signedIn = store.register(request.email(), username, hash, request.displayName(), client);
        return answer(
                signedIn.user(),
                signedIn.session().session().getId(),
                signedIn.session().refreshToken());
    }

    /**
     * Throttled before any password is checked; an unknown login costs the same Argon2 verification as a
     * known one and gets the same 401, so neither timing nor status tells whether an account exists. Only
     * after the right password does a banned user learn about the ban (403).
     */
    public TokenResponse login(LoginRequest request, ClientInfo client) {
        String login = request.login().trim();
        Optional<User> user = Emails.looksLikeEmail(login)
                ? users.findByEmailIgnoreCase(login)
                : Usernames.normalize(login).flatMap(users::findByUsername);
        String accountKey =
                user.map(u -> u.getId().toString()).orElseGet(() -> "unknown:" + login.toLowerCase(Locale.ROOT));
        AttemptThrottle.Reservation attempt = throttle.reservePasswordAttempt(accountKey, client.ipAddress());
        if (!passwordMatches(user, request.password())) {
            throw ApiException.unauthorized(WRONG_CREDENTIALS);
        }
        throttle.succeeded(attempt);
        User known = user.get();
        if (known.isBanned()) {
            throw banned();
        }
        String upgraded =
                passwords.upgradeEncoding(known.getPasswordHash()) ? passwords.encode(request.password()) : null;
        AccountStore.SignedIn signedIn = store.completeLogin(known.getId(), client, upgraded);
        return answer(
                signedIn.user(),
                signedIn.session().session().getId(),
                signedIn.session().refreshToken());
    }

    public TokenResponse refresh(RefreshRequest request, ClientInfo client) {
        SessionService.Refreshed refreshed = sessions.refresh(request.refreshToken(), client);
        return answer(refreshed.user(), refreshed.session().getId(), refreshed.refreshToken());
    }

    public void logout(AuthenticatedUser me) {
        sessions.revokeOwn(me.userId(), me.sessionId(), RevokeReason.LOGOUT);
    }

    /**
     * Needs the current password (403 when wrong, throttled like logins, since a stolen access token must
     * not become a way to guess it). Every other session ends; the caller's stays signed in.
     */
    public void changePassword(AuthenticatedUser me, PasswordChangeRequest request, ClientInfo client) {
        User user = users.findById(me.userId()).orElseThrow(() -> ApiException.notFound("No such user"));
        if (!user.hasPassword()) {
            throw ApiException.conflict("This account has no password: it signs in through its identity provider");
        }
        requireAcceptable("newPassword", request.newPassword(), user.getUsername(), user.getEmail());
        AttemptThrottle.Reservation attempt =
                throttle.reservePasswordAttempt(user.getId().toString(), client.ipAddress());
        if (!passwords.matches(request.currentPassword(), user.getPasswordHash())) {
            throw ApiException.forbidden("The current password is wrong")
                    .with("errors", List.of(Map.of("field", "currentPassword", "message", "is wrong")));
        }
        throttle.succeeded(attempt);
        if (request.newPassword().equals(request.currentPassword())) {
            throw invalid("newPassword", "must differ from the current password");
        }
        store.changePassword(user.getId(), passwords.encode(request.newPassword()), me.sessionId());
    }

    /** An account without a password (single sign-on only) never matches, after the same Argon2 work. */
    private boolean passwordMatches(Optional<User> user, String password) {
        if (user.isPresent() && user.get().hasPassword()) {
            return passwords.matches(password, user.get().getPasswordHash());
        }
        passwords.matches(password, decoyHash); // same work as for a password account; the answer is no anyway
        return false;
    }

    public static ApiException banned() {
        return ApiException.forbidden("The account is banned");
    }

    private void requireAcceptable(String field, String password, String... identities) {
        List<String> problems = policy.violations(password, identities);
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("The request is not valid")
                    .with(
                            "errors",
                            problems.stream()
                                    .map(message -> Map.of("field", field, "message", message))
                                    .toList());
        }
    }

    private static ApiException invalid(String field, String message) {
        return ApiException.badRequest("The request is not valid")
                .with("errors", List.of(Map.of("field", field, "message", message)));
    }

    private TokenResponse answer(User user, UUID sessionId, String refreshToken) {
        return TokenResponse.signedIn(tokens, user, sessionId, refreshToken);
    }
}
