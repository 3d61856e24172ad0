package dev.connectnow.auth.user;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.user.UserEvents;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns account and session changes into outbox events on {@code connectnow.user}, keyed by user id, in the
 * caller's transaction. Payloads carry public profile data only: no e-mail, hash or token ever leaves.
 */
@Component
public class UserEventPublisher {

    private final OutboxPublisher outbox;

    public UserEventPublisher(OutboxPublisher outbox) {
        this.outbox = outbox;
    }

    /** A new account (by registration or by single sign-on provisioning). */
    public void registered(User user) {
        outbox.publish(
                UserEvents.REGISTERED,
                user.getId(),
                new UserEvents.UserRegistered(
                        user.getId(),
                        user.getUsername(),
                        user.getDisplayName(),
                        user.getAvatarUrl(),
                        user.getCreatedAt()));
    }

    /** One device session ended before its expiry; realtime-service closes its sockets. */
    public void sessionRevoked(UUID userId, UUID sessionId, UserEvents.RevocationReason reason, Instant revokedAt) {
        outbox.publish(
                UserEvents.SESSION_REVOKED,
                userId,
                new UserEvents.SessionRevoked(userId, sessionId, reason, revokedAt));
    }
}
