package dev.connectnow.workspace.member;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;

/**
 * Body of {@code PATCH /api/workspaces/{id}/members/{userId}}: {@code role} and/or {@code nickname}. Left out
 * means unchanged; {@code nickname: null} clears it; {@code role: null} is refused. Any other field is a 400.
 */
public final class UpdateMemberRequest {

    private WorkspaceRole role;
    private boolean roleSet;
    private String nickname;
    private boolean nicknameSet;

    public void setRole(WorkspaceRole role) {
        this.role = role;
        this.roleSet = true;
    }

    public void setNickname(String nickname) {
        this.nickname = nickname;
        this.nicknameSet = true;
    }

    WorkspaceRole role() {
        return role;
    }

    boolean roleSet() {
        return roleSet;
    }

    String nickname() {
        return nickname;
    }

    boolean nicknameSet() {
        return nicknameSet;
    }
}
