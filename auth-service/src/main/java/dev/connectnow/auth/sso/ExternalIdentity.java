package dev.connectnow.auth.sso;

import dev.connectnow.auth.sso.provider.VerifiedSubjectToken;
import dev.connectnow.auth.user.Emails;
import dev.connectnow.chassis.data.PreassignedIdEntity;
import dev.connectnow.events.UuidV7;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An account at an OpenID Connect provider (issuer + subject) linked to a ConnectNow account. */
@Entity
@Table(name = "external_identities")
public class ExternalIdentity extends PreassignedIdEntity {

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false, length = 32)
    private String provider;

    @Column(nullable = false, length = 512)
    private String issuer;

    @Column(nullable = false, length = 255)
    private String subject;

    @Column(length = 254)
    private String email;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at", nullable = false)
    private Instant lastUsedAt;

    protected ExternalIdentity() {
        // for JPA
    }

    private ExternalIdentity(UUID userId, VerifiedSubjectToken token, Instant now) {
        super(UuidV7.next());
        this.userId = Objects.requireNonNull(userId);
        this.issuer = token.issuer();
        this.subject = token.subject();
        this.createdAt = now;
        used(token, now);
    }

    static ExternalIdentity link(UUID userId, VerifiedSubjectToken token, Instant now) {
        return new ExternalIdentity(userId, token, now);
    }

    /**
     * Keeps what the provider currently says: its configured name and, when the token speaks of an address, that
     * address if verified (a token without e-mail claims, such as many access tokens, leaves it as it was).
     */
    void used(VerifiedSubjectToken token, Instant now) {
        provider = token.provider().name();
        if (token.email() != null) {
            email = token.emailVerified() && Emails.isValid(token.email()) ? token.email() : null;
        }
        lastUsedAt = now;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getProvider() {
        return provider;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getSubject() {
        return subject;
    }

    public String getEmail() {
        return email;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }
}
