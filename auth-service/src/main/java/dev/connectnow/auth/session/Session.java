package dev.connectnow.auth.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** One device's login. Holds only the hash of its current refresh token. */
@Entity
@Table(name = "sessions")
public class Session implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "refresh_token_hash", nullable = false)
    private byte[] refreshTokenHash;

    @Column(name = "user_agent", length = 512)
    private String userAgent;

    @Column(name = "ip_address", length = 64)
    private String ipAddress;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_active_at", nullable = false)
    private Instant lastActiveAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "revoke_reason", length = 32)
    private String revokeReason;

    /** Ids are assigned here (UUIDv7), so JPA cannot tell a new session from a detached one by its id. */
    @Transient
    private boolean fresh = true;

    protected Session() {
        // for JPA
    }

    public Session(
            UUID id,
            UUID userId,
            byte[] refreshTokenHash,
            String userAgent,
            String ipAddress,
            Instant now,
            Instant expiresAt) {
        this.id = Objects.requireNonNull(id);
        this.userId = Objects.requireNonNull(userId);
        this.refreshTokenHash = refreshTokenHash.clone();
        this.userAgent = userAgent;
        this.ipAddress = ipAddress;
        this.createdAt = now;
        this.lastActiveAt = now;
        this.expiresAt = expiresAt;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }

    public boolean isActive(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }

    /** Replaces the refresh token and slides the expiry; the caller records the old hash as spent. */
    void rotate(byte[] newHash, Instant now, Instant newExpiry, String newUserAgent, String newIpAddress) {
        refreshTokenHash = newHash.clone();
        lastActiveAt = now;
        expiresAt = newExpiry;
        if (newUserAgent != null) {
            userAgent = newUserAgent;
        }
        if (newIpAddress != null) {
            ipAddress = newIpAddress;
        }
    }

    /** @return true when this call ended the session (an expired or already revoked one stays as it is) */
    boolean revoke(RevokeReason reason, Instant now) {
        if (!isActive(now)) {
            return false;
        }
        revokedAt = now;
        revokeReason = reason.code();
        return true;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public byte[] getRefreshTokenHash() {
        return refreshTokenHash.clone();
    }

    public String getUserAgent() {
        return userAgent;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastActiveAt() {
        return lastActiveAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public String getRevokeReason() {
        return revokeReason;
    }
}
