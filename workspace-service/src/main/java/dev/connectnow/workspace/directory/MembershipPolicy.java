package dev.connectnow.workspace.directory;

import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.ADMIN;
import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.OWNER;

import dev.connectnow.chassis.access.Verdict;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;

/**
 * Who may do what in a workspace, by role (OWNER > ADMIN > MODERATOR > MEMBER > GUEST). Plain functions of
 * the roles involved, so the whole matrix is unit-tested without Spring; {@link WorkspaceAccess} loads the
 * roles and turns refused verdicts into problems. A {@code null} actor role means "not a member".
 *
 * <p>Existence is decided before any of this: a non-member of a private workspace gets 404 from
 * {@link #canSee(boolean, WorkspaceRole)} and never reaches a role check.
 */
public final class MembershipPolicy {

    /** Actions on the workspace itself (not on one member). */
    public enum WorkspaceAction {
        /** See the workspace's settings (not its invite code). */
        READ,
        /** See the invite code in responses. */
        SEE_INVITE_CODE,
        LIST_MEMBERS,
        UPDATE,
        ROTATE_INVITE_CODE,
        DELETE
    }

    /** Private workspaces exist only for their members; public ones are visible to every signed-in user. */
    public static boolean canSee(boolean isPublic, WorkspaceRole actor) {
        return isPublic || actor != null;
    }

    /** An action on a workspace the caller can see; a refusal names the role it takes. */
    public static Verdict workspace(WorkspaceRole actor, WorkspaceAction action) {
        return Verdict.allowIf(
                may(actor, action),
                switch (action) {
                    case DELETE -> "Only the OWNER may delete the workspace";
                    case UPDATE, ROTATE_INVITE_CODE, SEE_INVITE_CODE -> "This needs the ADMIN or OWNER role";
                    case READ, LIST_MEMBERS -> "Only members of the workspace may do this";
                });
    }

    public static boolean may(WorkspaceRole actor, WorkspaceAction action) {
        if (actor == null) {
            // a visible (public) workspace can be read by non-members, so they can decide to join
            return action == WorkspaceAction.READ;
        }
        return switch (action) {
            case READ, LIST_MEMBERS -> true;
            case SEE_INVITE_CODE, UPDATE, ROTATE_INVITE_CODE -> actor.atLeast(ADMIN);
            case DELETE -> actor == OWNER;
        };
    }

    /**
     * Setting {@code target}'s role from {@code current} to {@code requested}.
     *
     * <ul>
     *   <li>Only ADMIN+ change roles; nobody grants a role above their own.</li>
     *   <li>Only the OWNER changes a member whose role is equal to or above the caller's: an ADMIN cannot
     *   touch another ADMIN (nor themselves).</li>
     *   <li>Setting someone's role to OWNER is the ownership transfer, the OWNER's alone; the OWNER cannot
     *   demote themselves (that would leave the workspace without an owner): transfer instead.</li>
     *   <li>Restating one's own current role changes nothing and is allowed (clients may echo it back).</li>
     * </ul>
     */
    public static Verdict changeRole(
            WorkspaceRole actor, boolean self, WorkspaceRole current, WorkspaceRole requested) {
        if (self && current == requested) {
            return Verdict.allow();
        }
        if (actor == null || !actor.atLeast(ADMIN)) {
            return Verdict.forbidden("Only an ADMIN or the OWNER may change roles");
        }
        if (requested == OWNER) {
            return actor == OWNER && !self
                    ? Verdict.allow()
                    : Verdict.forbidden("Only the OWNER may transfer ownership");
        }
        if (self && actor == OWNER) {
            return Verdict.conflict("The OWNER cannot step down: transfer ownership to another member first");
        }
        if (actor == OWNER) {
            return Verdict.allow();
        }
        if (current.atLeast(actor)) {
            return Verdict.forbidden("You may only change the role of members below your own role");
        }
        if (!actor.atLeast(requested)) {
            return Verdict.forbidden("You may not grant a role above your own");
        }
        return Verdict.allow();
    }

    /** Everyone sets their own nickname; ADMIN+ set those of members below them (the OWNER: anyone's). */
    public static Verdict changeNickname(WorkspaceRole actor, boolean self, WorkspaceRole target) {
        if (self) {
            return Verdict.allow();
        }
        if (actor == null || !actor.atLeast(ADMIN)) {
            return Verdict.forbidden("Only an ADMIN or the OWNER may change another member's nickname");
        }
        if (actor != OWNER && target.atLeast(actor)) {
            return Verdict.forbidden("You may only change the nickname of members below your own role");
        }
        return Verdict.allow();
    }

    /** Leaving (self) is free except for the OWNER; removing others takes ADMIN+ and a strictly lower target. */
    public static Verdict remove(WorkspaceRole actor, boolean self, WorkspaceRole target) {
        if (self) {
            return target == OWNER
                    ? Verdict.conflict("The OWNER cannot leave: transfer ownership to another member first")
                    : Verdict.allow();
        }
        if (actor == null || !actor.atLeast(ADMIN)) {
            return Verdict.forbidden("Only an ADMIN or the OWNER may remove members");
        }
        if (target.atLeast(actor)) {
            return Verdict.forbidden("You may only remove members below your own role");
        }
        return Verdict.allow();
    }

    private MembershipPolicy() {}
}
