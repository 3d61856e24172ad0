package dev.connectnow.workspace.membership;

import dev.connectnow.workspace.directory.InviteCodes;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record JoinByInviteRequest(
        @NotBlank @Size(max = InviteCodes.MAX_LENGTH) String inviteCode) {}
