package dev.connectnow.workspace.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.validation.HttpUrl;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/workspaces}; unknown fields (ownerId, inviteCode, ...) are rejected with 400. */
public record CreateWorkspaceRequest(
        @NotBlank @CodePoints(max = Workspace.NAME_MAX) String name,

        @NotNull
        @Size(min = Workspace.SLUG_MIN, max = Workspace.SLUG_MAX)
        @Pattern(regexp = Workspace.SLUG_PATTERN, message = Workspace.SLUG_RULE)
        String slug,

        @CodePoints(max = Workspace.DESCRIPTION_MAX) String description,
        @HttpUrl String iconUrl,
        @JsonProperty("isPublic") @NotNull Boolean isPublic) {}
