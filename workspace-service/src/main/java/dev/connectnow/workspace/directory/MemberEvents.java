package dev.connectnow.workspace.member;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceMemberChanged;
import java.time.Instant;

/** Payloads of workspace.member.added|updated|removed. */
public final class MemberEvents {

    /** The membership as it now is (added, updated). */
    public static WorkspaceMemberChanged payload(WorkspaceMember member, Instant changedAt) {
        return new WorkspaceMemberChanged(
                member.getWorkspaceId(),
                member.getUserId(),
                member.getId(),
                member.getRevision(),
                member.getRole(),
                member.getNickname(),
                member.getJoinedAt(),
                changedAt);
    }

    /** A removal: one revision past the last change, carrying the last role held. */
    static WorkspaceMemberChanged removal(WorkspaceMember member, Instant changedAt) {
        return new WorkspaceMemberChanged(
                member.getWorkspaceId(),
                member.getUserId(),
                member.getId(),
                member.removalRevision(),
                member.getRole(),
                member.getNickname(),
                member.getJoinedAt(),
                changedAt);
    }

    private MemberEvents() {}
}
