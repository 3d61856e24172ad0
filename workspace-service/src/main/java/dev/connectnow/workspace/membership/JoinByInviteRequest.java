package dev.connectnow.workspace.member;

import dev.connectnow.workspace.workspace.InviteCodes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record JoinByInviteRequest(
        @NotBlank @Size(max = InviteCodes.MAX_LENGTH) String inviteCode) {}
