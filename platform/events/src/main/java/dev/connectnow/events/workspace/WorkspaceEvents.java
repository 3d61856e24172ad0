package dev.connectnow.events.workspace;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;
import java.time.Instant;
import java.util.UUID;

/**
 * Events of the workspace context (workspace-service), keyed by workspace id on {@value Topics#WORKSPACE}.
 *
 * <p>Member events carry {@code membershipId} (a UUIDv7 minted on each join, so a later join sorts after an
 * earlier one) and {@code revision} (incremented on every change of that membership). Together they let a
 * projection apply events idempotently and ignore stale ones that arrive late: an event for an older
 * membership, or an older revision of the same one, changes nothing.
 */
public final class WorkspaceEvents {

    public static final EventType<WorkspaceCreated> CREATED =
            EventType.define("workspace.created", Topics.WORKSPACE, WorkspaceCreated.class);
    public static final EventType<WorkspaceUpdated> UPDATED =
            EventType.define("workspace.updated", Topics.WORKSPACE, WorkspaceUpdated.class);
    public static final EventType<WorkspaceDeleted> DELETED =
            EventType.define("workspace.deleted", Topics.WORKSPACE, WorkspaceDeleted.class);
    public static final EventType<WorkspaceMemberChanged> MEMBER_ADDED =
            EventType.define("workspace.member.added", Topics.WORKSPACE, WorkspaceMemberChanged.class);
    public static final EventType<WorkspaceMemberChanged> MEMBER_UPDATED =
            EventType.define("workspace.member.updated", Topics.WORKSPACE, WorkspaceMemberChanged.class);
    public static final EventType<WorkspaceMemberChanged> MEMBER_REMOVED =
            EventType.define("workspace.member.removed", Topics.WORKSPACE, WorkspaceMemberChanged.class);

    /** Workspace roles, highest first. */
    public enum WorkspaceRole {
        OWNER,
        ADMIN,
        MODERATOR,
        MEMBER,
        GUEST;

        public boolean atLeast(WorkspaceRole other) {
            return ordinal() <= other.ordinal();
        }
    }

    public record WorkspaceCreated(
            UUID workspaceId,
            String name,
            String slug,
            String description,
            String iconUrl,
            UUID ownerId,
            boolean isPublic,
            Instant createdAt) {}

    public record WorkspaceUpdated(
            UUID workspaceId,
            String name,
            String slug,
            String description,
            String iconUrl,
            UUID ownerId,
            boolean isPublic,
            Instant updatedAt) {}

    public record WorkspaceDeleted(UUID workspaceId, Instant deletedAt) {}

    /** Payload of {@code workspace.member.added|updated|removed}; for removals, role is the last role held. */
    public record WorkspaceMemberChanged(
            UUID workspaceId,
            UUID userId,
            UUID membershipId,
            long revision,
            WorkspaceRole role,
            String nickname,
            Instant joinedAt,
            Instant changedAt) {}

    private WorkspaceEvents() {}
}
