package dev.connectnow.workspace.workspace;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /api/workspaces}; unknown fields (ownerId, inviteCode, ...) are rejected with 400. */
public record CreateWorkspaceRequest(
        String name,
        String slug,
        String description,
        String iconUrl,
        @JsonProperty("isPublic") Boolean isPublic) {}
