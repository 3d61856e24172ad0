package dev.connectnow.workspace.directory;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A workspace's settings. Members live in their own table and refer to it by id. An empty description is
 * stored as none (null), so "" and null read back alike.
 */
@Entity
@Table(name = "workspaces")
public class Workspace extends PreassignedIdEntity {

    /** Lengths count code points, as users and PostgreSQL's varchar do (the columns have these sizes). */
    public static final int NAME_MAX = 80;

    public static final int SLUG_MIN = 3;
    public static final int SLUG_MAX = 48;
    /** Lowercase a-z, digits and inner hyphens: the same check as the table's workspaces_slug_format. */
    public static final String SLUG_PATTERN = "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?";

    public static final String SLUG_RULE =
            "may contain only lowercase letters a-z, digits and hyphens, and must not start or end with a hyphen";
    public static final int DESCRIPTION_MAX = 1000;

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

    @Version
    private Long version;

    protected Workspace() {}

    public Workspace(
            UUID id,
            String name,
            String slug,
            String description,
            String iconUrl,
            UUID ownerId,
            boolean isPublic,
            String inviteCode,
            Instant now) {
        super(id);
        this.name = name;
        this.slug = slug;
        this.description = emptyToNull(description);
        this.iconUrl = iconUrl;
        this.ownerId = ownerId;
        this.isPublic = isPublic;
        this.inviteCode = inviteCode;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Applies the given settings; returns whether anything changed (and then stamps updatedAt). */
    public boolean update(
            String newName,
            String newSlug,
            String newDescription,
            String newIconUrl,
            boolean newIsPublic,
            Instant now) {
        String description = emptyToNull(newDescription);
        boolean changed = !Objects.equals(name, newName)
                || !Objects.equals(slug, newSlug)
                || !Objects.equals(this.description, description)
                || !Objects.equals(iconUrl, newIconUrl)
                || isPublic != newIsPublic;
        if (changed) {
            this.name = newName;
            this.slug = newSlug;
            this.description = description;
            this.iconUrl = newIconUrl;
            this.isPublic = newIsPublic;
            this.updatedAt = now;
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

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
