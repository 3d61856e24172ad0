package dev.connectnow.workspace.membership;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.directory.WorkspaceMember;
import java.time.Instant;
import java.util.UUID;

/** The caller's membership, as returned by the join calls. */
public record MembershipView(UUID workspaceId, UUID userId, WorkspaceRole role, String nickname, Instant joinedAt) {

    static MembershipView of(WorkspaceMember member) {
        return new MembershipView(
                member.getWorkspaceId(),
                member.getUserId(),
                member.getRole(),
                member.getNickname(),
                member.getJoinedAt());
    }
}
