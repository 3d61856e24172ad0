package dev.connectnow.auth.session;

import dev.connectnow.auth.config.AuthProperties;
import dev.connectnow.auth.user.User;
import dev.connectnow.auth.user.UserEventPublisher;
import dev.connectnow.auth.user.UserRepository;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Device sessions: opening one at login, refresh-token rotation with reuse detection, revocation. Every
 * revocation goes through {@link #revoke} so that each ended session publishes exactly one
 * {@code session.revoked} in the transaction that ends it.
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);

    private final SessionRepository sessions;
    private final SpentRefreshTokens spentTokens;
    private final UserRepository users;
    private final UserEventPublisher events;
    private final Clock clock;
    private final Duration sessionTtl;
    private final Duration maxLifetime;
    private final int maxSessionsPerUser;

    public SessionService(
            SessionRepository sessions,
            SpentRefreshTokens spentTokens,
            UserRepository users,
            UserEventPublisher events,
            Clock clock,
            AuthProperties properties) {
        this.sessions = sessions;
        this.spentTokens = spentTokens;
        this.users = users;
        this.events = events;
        this.clock = clock;
        this.sessionTtl = properties.getSessionTtl();
        this.maxLifetime = properties.getMaxSessionLifetime();
        this.maxSessionsPerUser = properties.getMaxSessionsPerUser();
    }

    /** Opens a session for a user who just proved who they are; joins the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public OpenedSession open(UUID userId, ClientInfo client) {
        Instant now = clock.instant();
        String refreshToken = RefreshTokens.generate();
        Session session = new Session(
                UuidV7.next(),
                userId,
                RefreshTokens.hash(refreshToken),
                client.userAgent(),
                client.ipAddress(),
                now,
                RefreshRotation.nextExpiry(now, now, sessionTtl, maxLifetime));
        sessions.saveAndFlush(session);
        enforceSessionLimit(userId, now);
        return new OpenedSession(session, refreshToken);
    }

    /**
     * Exchanges a refresh token for a new one. Every refusal is the same 401; a replayed spent token also
     * revokes its session, and that revocation commits although the call fails.
     */
    @Transactional(noRollbackFor = RefreshRejectedException.class)
    public Refreshed refresh(String refreshToken, ClientInfo client) {
        if (!RefreshTokens.wellFormed(refreshToken)) {
            throw new RefreshRejectedException();
        }
        Instant now = clock.instant();
        byte[] hash = RefreshTokens.hash(refreshToken);
        Optional<Session> matched = sessions.findByRefreshTokenHashForUpdate(hash);
        Optional<User> user = matched.flatMap(s -> users.findById(s.getUserId()));
        RefreshRotation.LiveState state = matched.map(s -> new RefreshRotation.LiveState(
                        s.getCreatedAt(),
                        s.getExpiresAt(),
                        s.getRevokedAt(),
                        user.map(User::isBanned).orElse(true)))
                .orElse(null);
        UUID spentBy = matched.isEmpty() ? spentTokens.sessionOf(hash).orElse(null) : null;

        RefreshRotation.Decision decision = RefreshRotation.decide(state, spentBy, now, sessionTtl, maxLifetime);
        if (decision instanceof RefreshRotation.Rotate rotate) {
            Session session = matched.orElseThrow();
            String next = RefreshTokens.generate();
            spentTokens.record(hash, session.getId(), now);
            session.rotate(RefreshTokens.hash(next), now, rotate.newExpiry(), client.userAgent(), client.ipAddress());
            return new Refreshed(session, user.orElseThrow(), next);
        }
        if (decision instanceof RefreshRotation.RevokeForReuse reuse) {
            sessions.findByIdForUpdate(reuse.sessionId()).ifPresent(session -> {
                if (revoke(session, RevokeReason.REFRESH_TOKEN_REUSED, now)) {
                    log.warn(
                            "Refresh token reuse detected: session {} of user {} revoked",
                            session.getId(),
                            session.getUserId());
                }
            });
        }
        throw new RefreshRejectedException();
    }

    /** Logout, or "sign out that device": the caller's own sessions only; anyone else's is 404. */
    @Transactional
    public void revokeOwn(UUID userId, UUID sessionId, RevokeReason reason) {
        Session session = sessions.findByIdForUpdate(sessionId)
                .filter(s -> s.getUserId().equals(userId))
                .orElseThrow(() -> ApiException.notFound("No such session"));
        revoke(session, reason, clock.instant());
    }

    /** Every live session of the user but {@code keep} (password change). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeAllExcept(UUID userId, UUID keep, RevokeReason reason) {
        Instant now = clock.instant();
        int ended = 0;
        for (Session session : sessions.findActiveByUserForUpdate(userId, now)) {
            if (!session.getId().equals(keep) && revoke(session, reason, now)) {
                ended++;
            }
        }
        return ended;
    }

    /** Every live session of the user (ban). */
    @Transactional(propagation = Propagation.MANDATORY)
    public int revokeAll(UUID userId, RevokeReason reason) {
        return revokeAllExcept(userId, null, reason);
    }

    @Transactional(readOnly = true)
    public List<SessionView> activeSessions(UUID userId, UUID currentSessionId) {
        return sessions.findActiveByUser(userId, clock.instant()).stream()
                .map(session -> SessionView.of(session, currentSessionId))
                .toList();
    }

    /** Ends the least recently used sessions beyond the per-user limit, so the list stays bounded. */
    private void enforceSessionLimit(UUID userId, Instant now) {
        List<Session> active = sessions.findActiveByUser(userId, now);
        if (active.size() <= maxSessionsPerUser) {
            return;
        }
        active.stream()
                .sorted(Comparator.comparing(Session::getLastActiveAt)
                        .reversed()
                        .thenComparing(Session::getCreatedAt, Comparator.reverseOrder()))
                .skip(maxSessionsPerUser)
                .forEach(session -> revoke(session, RevokeReason.SESSION_LIMIT, now));
    }

    /** Ends a session once; only the call that ended it publishes {@code session.revoked}. */
    private boolean revoke(Session session, RevokeReason reason, Instant now) {
        if (!session.revoke(reason, now)) {
            return false;
        }
        events.sessionRevoked(session.getUserId(), session.getId(), reason.event(), now);
        return true;
    }

    /** A new session and its refresh token (the only time the plain token exists on our side). */
    public record OpenedSession(Session session, String refreshToken) {}

    public record Refreshed(Session session, User user, String refreshToken) {}
}
