package dev.connectnow.workspace.workspace;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceUpdated;

/** Event payloads built from the entity; the invite code never travels in events. */
public final class WorkspacePayloads {

    public static WorkspaceUpdated updated(Workspace workspace) {
        return new WorkspaceUpdated(
                workspace.getId(),
                workspace.getName(),
                workspace.getSlug(),
                workspace.getDescription(),
                workspace.getIconUrl(),
                workspace.getOwnerId(),
                workspace.isPublic(),
                workspace.getUpdatedAt());
    }

    private WorkspacePayloads() {}
}
