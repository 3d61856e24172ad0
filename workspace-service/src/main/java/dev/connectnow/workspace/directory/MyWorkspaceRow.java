package dev.connectnow.workspace.directory;

import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import java.util.UUID;

/** A row of "my workspaces": the workspace, my role in it, and my membership id (the keyset cursor). */
public record MyWorkspaceRow(Workspace workspace, UUID membershipId, WorkspaceRole role) {}
