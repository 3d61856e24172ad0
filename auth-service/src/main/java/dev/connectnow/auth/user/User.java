package dev.connectnow.auth.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A ConnectNow account. State changes go through the methods below, which keep updatedAt honest. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;

    /** Null for an account provisioned by a provider that vouched for no address. */
    @Column(length = 254)
    private String email;

    @Column(nullable = false, length = 32)
    private String username;

    /** Null for an account that signs in only through single sign-on. */
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 64)
    private String displayName;

    @Column(name = "avatar_url", length = 2048)
    private String avatarUrl;

    @Column(length = 500)
    private String bio;

    @Column(name = "email_verified", nullable = false)
    private boolean emailVerified;

    @Column(name = "is_banned", nullable = false)
    private boolean banned;

    @Column(name = "banned_at")
    private Instant bannedAt;

    @Column(name = "ban_reason", length = 500)
    private String banReason;

    @Column(name = "last_login_at")
    private Instant lastLoginAt;

    @Column(name = "last_active_at")
    private Instant lastActiveAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version; // a wrapper: null marks a new entity, so save() persists instead of merging

    protected User() {
        // for JPA
    }

    public User(UUID id, String email, String username, String passwordHash, String displayName, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.email = Objects.requireNonNull(email);
        this.username = Objects.requireNonNull(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.displayName = Objects.requireNonNull(displayName);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * An account created by single sign-on: no password (it signs in through its provider), and an e-mail address
     * only when the provider said it verified one.
     */
    public static User provisioned(UUID id, String verifiedEmail, String username, String displayName, Instant now) {
        User user = new User();
        user.id = Objects.requireNonNull(id);
        user.email = verifiedEmail;
        user.emailVerified = verifiedEmail != null;
        user.username = Objects.requireNonNull(username);
        user.displayName = Objects.requireNonNull(displayName);
        user.createdAt = now;
        user.updatedAt = now;
        return user;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public void recordLogin(Instant now) {
        lastLoginAt = now;
        lastActiveAt = now;
    }

    public void changePasswordHash(String newHash, Instant now) {
        passwordHash = Objects.requireNonNull(newHash);
        updatedAt = now;
    }

    /** Re-hash with stronger parameters after a login; not a user-visible change. */
    public void upgradePasswordHash(String newHash) {
        passwordHash = Objects.requireNonNull(newHash);
    }

    /** @return true when anything changed */
    public boolean updateProfile(String newDisplayName, String newAvatarUrl, String newBio, Instant now) {
        boolean changed = !Objects.equals(displayName, newDisplayName)
                || !Objects.equals(avatarUrl, newAvatarUrl)
                || !Objects.equals(bio, newBio);
        if (changed) {
            displayName = Objects.requireNonNull(newDisplayName);
            avatarUrl = newAvatarUrl;
            bio = newBio;
            updatedAt = now;
        }
        return changed;
    }

    /** @return true when the user was not banned before */
    public boolean ban(String reason, Instant now) {
        if (banned) {
            return false;
        }
        banned = true;
        bannedAt = now;
        banReason = reason;
        updatedAt = now;
        return true;
    }

    /** @return true when the user was banned before */
    public boolean unban(Instant now) {
        if (!banned) {
            return false;
        }
        banned = false;
        bannedAt = null;
        banReason = null;
        updatedAt = now;
        return true;
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getUsername() {
        return username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getAvatarUrl() {
        return avatarUrl;
    }

    public String getBio() {
        return bio;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public boolean isBanned() {
        return banned;
    }

    public Instant getBannedAt() {
        return bannedAt;
    }

    public String getBanReason() {
        return banReason;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }

    public Instant getLastActiveAt() {
        return lastActiveAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getVersion() {
        return version;
    }
}
