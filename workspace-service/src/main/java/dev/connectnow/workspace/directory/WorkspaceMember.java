package dev.connectnow.workspace.member;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * One user's membership of one workspace. Its id is the membershipId of the events: a fresh UUIDv7 per
 * join. {@code revision} counts the changes of this membership (1 on join) and is what consumers use to
 * drop stale events.
 */
@Entity
@Table(name = "workspace_members")
public class WorkspaceMember implements Persistable<UUID> {

    @Id
    private UUID id;

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

    @Transient
    private boolean fresh;

    protected WorkspaceMember() {}

    public static WorkspaceMember join(UUID id, UUID workspaceId, UUID userId, WorkspaceRole role, Instant now) {
        WorkspaceMember member = new WorkspaceMember();
        member.id = id;
        member.workspaceId = workspaceId;
        member.userId = userId;
        member.role = role;
        member.joinedAt = now;
        member.updatedAt = now;
        member.revision = 1;
        member.fresh = true;
        return member;
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

    @PostLoad
    @PostPersist
    void markStored() {
        fresh = false;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @Override
    public UUID getId() {
        return id;
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
