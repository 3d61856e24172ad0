package dev.connectnow.workspace.membership;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.directory.WorkspaceMember;
import java.time.Instant;
import java.util.UUID;

/** An entry of the members list, and the answer to a member PATCH. No e-mail: this service has none. */
public record MemberView(UUID userId, WorkspaceRole role, String nickname, Instant joinedAt) {

    static MemberView of(WorkspaceMember member) {
        return new MemberView(member.getUserId(), member.getRole(), member.getNickname(), member.getJoinedAt());
    }
}
