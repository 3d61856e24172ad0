package dev.connectnow.workspace.directory;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One user's membership of one workspace. Its id is the membershipId of the events: a fresh UUIDv7 per
 * join. {@code revision} counts the changes of this membership (1 on join) and is what consumers use to
 * drop stale events.
 */
@Entity
@Table(name = "workspace_members")
public class WorkspaceMember extends PreassignedIdEntity {

    /** In code points; null means no nickname. */
    public static final int NICKNAME_MAX = 80;

    @Column(name = "workspace_id")
    private UUID workspaceId;

    @Column(name = "user_id")
    private UUID userId;

    @Enumerated(EnumType.STRING)
    private WorkspaceRole role;

    private String nickname;

    @Column(name = "joined_at")
    private Instant joinedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    private long revision;

    protected WorkspaceMember() {}

    /** A new membership (revision 1), inserted by the next {@code save}. */
    public WorkspaceMember(UUID id, UUID workspaceId, UUID userId, WorkspaceRole role, Instant now) {
        super(id);
        this.workspaceId = workspaceId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = now;
        this.updatedAt = now;
        this.revision = 1;
    }

    /** Applies a role and nickname; a real change bumps the revision once (whatever changed) and updatedAt. */
    public boolean change(WorkspaceRole newRole, String newNickname, Instant now) {
        if (role == newRole && Objects.equals(nickname, newNickname)) {
            return false;
        }
        role = newRole;
        nickname = newNickname;
        revision++;
        updatedAt = now;
        return true;
    }

    /** The revision a removal event carries: one past the last change. */
    public long removalRevision() {
        return revision + 1;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getUserId() {
        return userId;
    }

    public WorkspaceRole getRole() {
        return role;
    }

    public String getNickname() {
        return nickname;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getRevision() {
        return revision;
    }
}
