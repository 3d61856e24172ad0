package dev.connectnow.workspace.membership;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.web.PatchField;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.directory.WorkspaceMember;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code PATCH /api/workspaces/{id}/members/{userId}} (the PATCH convention of docs/api.md):
 * {@code role} and/or {@code nickname}; left out means unchanged, {@code nickname: null} clears it,
 * {@code role: null} is refused. Any other field is a 400.
 */
public record UpdateMemberRequest(
        PatchField<@NotNull WorkspaceRole> role,
        PatchField<
                        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank (send null to clear it)")
                        @CodePoints(max = WorkspaceMember.NICKNAME_MAX) String>
                nickname) {}
