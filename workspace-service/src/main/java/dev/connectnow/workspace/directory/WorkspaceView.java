package dev.connectnow.workspace.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.time.Instant;
import java.util.UUID;

/**
 * A workspace as one caller sees it: {@code inviteCode} only for ADMIN+ (null otherwise), {@code myRole}
 * null for a visitor of a public workspace.
 */
public record WorkspaceView(
        UUID id,
        String name,
        String slug,
        String description,
        String iconUrl,
        UUID ownerId,
        @JsonProperty("isPublic") boolean isPublic,
        String inviteCode,
        Instant createdAt,
        Instant updatedAt,
        WorkspaceRole myRole) {

    /** The workspace as the caller of {@code granted} sees it. */
    static WorkspaceView of(WorkspaceAccess.Access granted) {
        return of(granted.workspace(), granted.role(), granted.may(MembershipPolicy.WorkspaceAction.SEE_INVITE_CODE));
    }

    static WorkspaceView of(Workspace workspace, WorkspaceRole myRole, boolean showInviteCode) {
        return new WorkspaceView(
                workspace.getId(),
                workspace.getName(),
                workspace.getSlug(),
                workspace.getDescription(),
                workspace.getIconUrl(),
                workspace.getOwnerId(),
                workspace.isPublic(),
                showInviteCode ? workspace.getInviteCode() : null,
                workspace.getCreatedAt(),
                workspace.getUpdatedAt(),
                myRole);
    }
}
