package dev.connectnow.auth.admin;

import dev.connectnow.auth.session.RevokeReason;
import dev.connectnow.auth.session.SessionService;
import dev.connectnow.auth.user.User;
import dev.connectnow.auth.user.UserEventPublisher;
import dev.connectnow.auth.user.UserRepository;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Banning: the account can no longer sign in or refresh, every session ends at once (auth-service refuses
 * its access tokens immediately; other services within the access token lifetime, and realtime-service
 * closes sockets on {@code user.banned}). Both operations are idempotent: repeating one changes nothing
 * and publishes nothing.
 */
@Service
public class BanService {

    private static final Logger log = LoggerFactory.getLogger(BanService.class);

    private final UserRepository users;
    private final SessionService sessions;
    private final UserEventPublisher events;
    private final PlatformAdmins admins;
    private final Clock clock;

    public BanService(
            UserRepository users,
            SessionService sessions,
            UserEventPublisher events,
            AdminProperties properties,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.events = events;
        this.admins = new PlatformAdmins(properties.admins());
        this.clock = clock;
    }

    @Transactional
    public void ban(AuthenticatedUser admin, UUID userId, String reason) {
        requireAdmin(admin);
        if (admin.userId().equals(userId)) {
            throw ApiException.conflict("Admins cannot ban themselves");
        }
        User user = target(userId);
        if (user.ban(reason, clock.instant())) {
            int ended = sessions.revokeAll(userId, RevokeReason.BANNED);
            events.banned(user);
            log.info("User {} banned by {}; {} session(s) revoked", userId, admin.userId(), ended);
        }
    }

    @Transactional
    public void unban(AuthenticatedUser admin, UUID userId) {
        requireAdmin(admin);
        User user = target(userId);
        if (user.unban(clock.instant())) {
            events.unbanned(user);
            log.info("User {} unbanned by {}", userId, admin.userId());
        }
    }

    private void requireAdmin(AuthenticatedUser caller) {
        // the username comes from our own table, not from the token, and a banned admin is no admin
        boolean admin = users.findById(caller.userId())
                .filter(user -> !user.isBanned())
                .map(user -> admins.includes(user.getId(), user.getUsername()))
                .orElse(false);
        if (!admin) {
            throw ApiException.forbidden("Only platform admins may do this");
        }
    }

    private User target(UUID userId) {
        return users.findById(userId).orElseThrow(() -> ApiException.notFound("No such user"));
    }
}
