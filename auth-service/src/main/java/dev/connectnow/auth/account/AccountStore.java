package dev.connectnow.auth.account;

import dev.connectnow.auth.session.ClientInfo;
import dev.connectnow.auth.session.RevokeReason;
import dev.connectnow.auth.session.SessionService;
import dev.connectnow.auth.user.User;
import dev.connectnow.auth.user.UserEventPublisher;
import dev.connectnow.auth.user.UserRepository;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.UuidV7;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The transactional steps of {@link AccountService}. Password hashing (50-100 ms of CPU) happens before
 * them, so no database connection is held while Argon2 runs.
 */
@Component
class AccountStore {

    private final UserRepository users;
    private final SessionService sessions;
    private final UserEventPublisher events;
    private final Clock clock;

    AccountStore(UserRepository users, SessionService sessions, UserEventPublisher events, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** New user, their first session and {@code user.registered}, all or nothing. */
    @Transactional
    SignedIn register(String email, String username, String passwordHash, String displayName, ClientInfo client) {
        Instant now = clock.instant();
        User user = new User(UuidV7.next(), email, username, passwordHash, displayName, now);
        user.recordLogin(now); // registering signs the user in
        try {
            users.saveAndFlush(user);
        } catch (DataIntegrityViolationException e) {
            // a concurrent registration won the race; the unique indexes are the real guard
            throw Duplicates.conflict(e);
        }
        SessionService.OpenedSession session = sessions.open(user.getId(), client);
        events.registered(user);
        return new SignedIn(user, session);
    }

    /** After the password checked out: record the login and open a session. */
    @Transactional
    SignedIn completeLogin(UUID userId, ClientInfo client, String upgradedPasswordHash) {
        User user =
                users.findById(userId).orElseThrow(() -> ApiException.unauthorized("The login or password is wrong"));
        if (user.isBanned()) {
            throw AccountService.banned();
        }
        user.recordLogin(clock.instant());
        if (upgradedPasswordHash != null) {
            user.upgradePasswordHash(upgradedPasswordHash);
        }
        return new SignedIn(user, sessions.open(userId, client));
    }

    /** New hash; every other session ends, the caller's own continues. */
    @Transactional
    void changePassword(UUID userId, String newPasswordHash, UUID currentSessionId) {
        User user = users.findById(userId).orElseThrow(() -> ApiException.notFound("No such user"));
        user.changePasswordHash(newPasswordHash, clock.instant());
        sessions.revokeAllExcept(userId, currentSessionId, RevokeReason.PASSWORD_CHANGED);
    }

    record SignedIn(User user, SessionService.OpenedSession session) {}
}
