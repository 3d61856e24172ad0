package dev.connectnow.workspace.directory;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.directory.MembershipPolicy.WorkspaceAction;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Resolves "who is the caller in this workspace" from this service's own tables, on every call, and enforces
 * {@link MembershipPolicy}. A private workspace the caller is not a member of is reported exactly like a
 * missing one (404), so ids cannot be probed; a member (or, for public workspaces, a visitor) who lacks the
 * role gets 403.
 */
@Component
public class WorkspaceAccess {

    static final String NOT_FOUND = "Workspace not found";

    private final WorkspaceRepository workspaces;
    private final MemberRepository members;

    WorkspaceAccess(WorkspaceRepository workspaces, MemberRepository members) {
        this.workspaces = workspaces;
        this.members = members;
    }

    /** For reads: no lock. */
    public Access read(UUID workspaceId, UUID caller) {
        return resolve(workspaces.findById(workspaceId), caller);
    }

    /** For changes: locks the workspace row until commit, then resolves the caller's membership. */
    public Access lockForChange(UUID workspaceId, UUID caller) {
        return resolve(workspaces.findForUpdate(workspaceId), caller);
    }

    /** As {@link #lockForChange} for a workspace found by invite code: holding the code makes it visible. */
    public Access lockByInviteCode(String inviteCode, UUID caller) {
        Workspace workspace = workspaces
                .findByInviteCodeForUpdate(inviteCode)
                .orElseThrow(() -> ApiException.notFound("No workspace has this invite code"));
        return new Access(
                workspace,
                members.findByWorkspaceIdAndUserId(workspace.getId(), caller).orElse(null));
    }

    private Access resolve(Optional<Workspace> found, UUID caller) {
        Workspace workspace = found.orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        WorkspaceMember membership =
                members.findByWorkspaceIdAndUserId(workspace.getId(), caller).orElse(null);
        Access access = new Access(workspace, membership);
        if (!MembershipPolicy.canSee(workspace.isPublic(), access.role())) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return access;
    }

    /** The workspace as the caller sees it; {@code membership} is null for a visitor of a public workspace. */
    public record Access(Workspace workspace, WorkspaceMember membership) {

        public WorkspaceRole role() {
            return membership == null ? null : membership.getRole();
        }

        public boolean isMember() {
            return membership != null;
        }

        public boolean may(WorkspaceAction action) {
            return MembershipPolicy.may(role(), action);
        }

        /** This access if the caller may perform {@code action}; else the refusal as a problem. */
        public Access require(WorkspaceAction action) {
            MembershipPolicy.workspace(role(), action).orThrow(NOT_FOUND);
            return this;
        }

        /** The caller's own membership; a visitor of a public workspace may look, but not touch memberships. */
        public WorkspaceMember requireMembership() {
            if (membership == null) {
                throw ApiException.forbidden("Only members of the workspace may do this");
            }
            return membership;
        }
    }
}
