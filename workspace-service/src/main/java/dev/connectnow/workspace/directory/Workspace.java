package dev.connectnow.workspace.workspace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A workspace's settings. Members live in their own table and refer to it by id. */
@Entity
@Table(name = "workspaces")
public class Workspace {

    @Id
    private UUID id;

    private String name;
    private String slug;
    private String description;

    @Column(name = "icon_url")
    private String iconUrl;

    @Column(name = "owner_id")
    private UUID ownerId;

    @Column(name = "is_public")
    private boolean isPublic;

    @Column(name = "invite_code")
    private String inviteCode;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;
    /** null until persisted, which also tells Spring Data the entity is new (no select before insert). */
    @Version
    private Long version;

    protected Workspace() {}

    public static Workspace create(
            UUID id,
            String name,
            String slug,
            String description,
            String iconUrl,
            UUID ownerId,
            boolean isPublic,
            String inviteCode,
            Instant now) {
        Workspace workspace = new Workspace();
        workspace.id = id;
        workspace.name = name;
        workspace.slug = slug;
        workspace.description = description;
        workspace.iconUrl = iconUrl;
        workspace.ownerId = ownerId;
        workspace.isPublic = isPublic;
        workspace.inviteCode = inviteCode;
        workspace.createdAt = now;
        workspace.updatedAt = now;
        return workspace;
    }

    /** Applies the given settings; returns whether anything changed (and then stamps updatedAt). */
    public boolean update(
            String newName,
            String newSlug,
            String newDescription,
            String newIconUrl,
            boolean newIsPublic,
            Instant now) {
        boolean changed = !Objects.equals(name, newName)
                || !Objects.equals(slug, newSlug)
                || !Objects.equals(description, newDescription)
                || !Objects.equals(iconUrl, newIconUrl)
                || isPublic != newIsPublic;
        if (changed) {
            name = newName;
            slug = newSlug;
            description = newDescription;
            iconUrl = newIconUrl;
            isPublic = newIsPublic;
            updatedAt = now;
        }
        return changed;
    }

    public void transferOwnership(UUID newOwnerId, Instant now) {
        ownerId = newOwnerId;
        updatedAt = now;
    }

    /** Old codes stop working at once; the rotation is not an event (the code is a secret). */
    public void rotateInviteCode(String newCode) {
        inviteCode = newCode;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSlug() {
        return slug;
    }

    public String getDescription() {
        return description;
    }

    public String getIconUrl() {
        return iconUrl;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public boolean isPublic() {
        return isPublic;
    }

    public String getInviteCode() {
        return inviteCode;
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
