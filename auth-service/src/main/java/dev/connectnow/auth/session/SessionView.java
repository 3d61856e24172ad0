package dev.connectnow.auth.session;

import java.time.Instant;
import java.util.UUID;

/** One of my sessions, as {@code GET /api/auth/sessions} lists it; {@code current} marks the caller's own. */
public record SessionView(
        UUID id,
        String userAgent,
        String ipAddress,
        Instant createdAt,
        Instant lastActiveAt,
        Instant expiresAt,
        boolean current) {

    static SessionView of(Session session, java.util.UUID currentSessionId) {
        return new SessionView(
                session.getId(),
                session.getUserAgent(),
                session.getIpAddress(),
                session.getCreatedAt(),
                session.getLastActiveAt(),
                session.getExpiresAt(),
                session.getId().equals(currentSessionId));
    }
}
