package dev.connectnow.workspace.directory;

import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.ADMIN;
import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.GUEST;
import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.MEMBER;
import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.MODERATOR;
import static dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.access.Verdict.Outcome;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.workspace.directory.MembershipPolicy.WorkspaceAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full role × action matrix, written out as grids (A = allowed, F = forbidden/403, C = conflict/409) so
 * a reviewer can read the rules off the page. Columns and rows are in role order OWNER, ADMIN, MODERATOR,
 * MEMBER, GUEST; "-" as actor is a non-member.
 */
class MembershipPolicyTest {

    private static final WorkspaceRole[] ROLES = WorkspaceRole.values();

    @Test
    void rolesAreOrderedFromOwnerDown() {
        assertThat(ROLES).containsExactly(OWNER, ADMIN, MODERATOR, MEMBER, GUEST);
        assertThat(ADMIN.atLeast(MODERATOR)).isTrue();
        assertThat(MODERATOR.atLeast(ADMIN)).isFalse();
        assertThat(GUEST.atLeast(GUEST)).isTrue();
    }

    @Test
    void workspaceActionsByRole() {
        // columns: READ SEE_INVITE_CODE LIST_MEMBERS UPDATE ROTATE_INVITE_CODE DELETE
        String grid = """
                OWNER     A A A A A A
                ADMIN     A A A A A F
                MODERATOR A F A F F F
                MEMBER    A F A F F F
                GUEST     A F A F F F
                -         A F F F F F
                """;
        for (String line : grid.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            WorkspaceRole actor = cells[0].equals("-") ? null : WorkspaceRole.valueOf(cells[0]);
            for (WorkspaceAction action : WorkspaceAction.values()) {
                boolean expected = cells[1 + action.ordinal()].equals("A");
                assertThat(MembershipPolicy.may(actor, action))
                        .as("%s may %s", actor, action)
                        .isEqualTo(expected);
                assertThat(MembershipPolicy.workspace(actor, action).outcome())
                        .as("verdict for %s on %s", actor, action)
                        .isEqualTo(expected ? Outcome.ALLOW : Outcome.FORBIDDEN);
            }
        }
    }

    @Test
    void privateWorkspacesAreInvisibleToNonMembers() {
        assertThat(MembershipPolicy.canSee(false, null)).isFalse();
        assertThat(MembershipPolicy.canSee(true, null)).isTrue();
        for (WorkspaceRole role : ROLES) {
            assertThat(MembershipPolicy.canSee(false, role)).isTrue();
            assertThat(MembershipPolicy.canSee(true, role)).isTrue();
        }
    }

    @Test
    void changingSomeoneElsesRole() {
        // per actor: rows = target's current role, columns = requested role
        String grids = """
                OWNER
                  OWNER     A A A A A
                  ADMIN     A A A A A
                  MODERATOR A A A A A
                  MEMBER    A A A A A
                  GUEST     A A A A A
                ADMIN
                  OWNER     F F F F F
                  ADMIN     F F F F F
                  MODERATOR F A A A A
                  MEMBER    F A A A A
                  GUEST     F A A A A
                MODERATOR
                  OWNER     F F F F F
                  ADMIN     F F F F F
                  MODERATOR F F F F F
                  MEMBER    F F F F F
                  GUEST     F F F F F
                MEMBER
                  OWNER     F F F F F
                  ADMIN     F F F F F
                  MODERATOR F F F F F
                  MEMBER    F F F F F
                  GUEST     F F F F F
                GUEST
                  OWNER     F F F F F
                  ADMIN     F F F F F
                  MODERATOR F F F F F
                  MEMBER    F F F F F
                  GUEST     F F F F F
                """;
        int checked = 0;
        WorkspaceRole actor = null;
        for (String line : grids.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            if (cells.length == 1) {
                actor = WorkspaceRole.valueOf(cells[0]);
                continue;
            }
            WorkspaceRole current = WorkspaceRole.valueOf(cells[0]);
            for (WorkspaceRole requested : ROLES) {
                Outcome expected = outcome(cells[1 + requested.ordinal()]);
                assertThat(MembershipPolicy.changeRole(actor, false, current, requested)
                                .outcome())
                        .as("%s sets another %s to %s", actor, current, requested)
                        .isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(125);
    }

    @Test
    void changingOnesOwnRole() {
        // rows = own role, columns = requested role
        String grid = """
                OWNER     A C C C C
                ADMIN     F A F F F
                MODERATOR F F A F F
                MEMBER    F F F A F
                GUEST     F F F F A
                """;
        for (String line : grid.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            WorkspaceRole own = WorkspaceRole.valueOf(cells[0]);
            for (WorkspaceRole requested : ROLES) {
                assertThat(MembershipPolicy.changeRole(own, true, own, requested)
                                .outcome())
                        .as("%s sets own role to %s", own, requested)
                        .isEqualTo(outcome(cells[1 + requested.ordinal()]));
            }
        }
    }

    @Test
    void nonMembersChangeNothing() {
        for (WorkspaceRole target : ROLES) {
            assertThat(MembershipPolicy.changeNickname(null, false, target).outcome())
                    .isEqualTo(Outcome.FORBIDDEN);
            assertThat(MembershipPolicy.remove(null, false, target).outcome()).isEqualTo(Outcome.FORBIDDEN);
            for (WorkspaceRole requested : ROLES) {
                assertThat(MembershipPolicy.changeRole(null, false, target, requested)
                                .outcome())
                        .isEqualTo(Outcome.FORBIDDEN);
            }
        }
    }

    @Test
    void nicknamesAndRemovals() {
        // rows = actor; columns = target role (another member); then: own nickname, leave
        String nicknames = """
                OWNER     A A A A A  A
                ADMIN     F F A A A  A
                MODERATOR F F F F F  A
                MEMBER    F F F F F  A
                GUEST     F F F F F  A
                """;
        String removals = """
                OWNER     F A A A A  C
                ADMIN     F F A A A  A
                MODERATOR F F F F F  A
                MEMBER    F F F F F  A
                GUEST     F F F F F  A
                """;
        for (String line : nicknames.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            WorkspaceRole actor = WorkspaceRole.valueOf(cells[0]);
            for (WorkspaceRole target : ROLES) {
                assertThat(MembershipPolicy.changeNickname(actor, false, target).outcome())
                        .as("%s renames a %s", actor, target)
                        .isEqualTo(outcome(cells[1 + target.ordinal()]));
            }
            assertThat(MembershipPolicy.changeNickname(actor, true, actor).outcome())
                    .as("%s renames self", actor)
                    .isEqualTo(outcome(cells[6]));
        }
        for (String line : removals.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            WorkspaceRole actor = WorkspaceRole.valueOf(cells[0]);
            for (WorkspaceRole target : ROLES) {
                if (actor == OWNER && target == OWNER) {
                    continue; // there is one owner: "another OWNER" cannot exist; the cell documents it
                }
                assertThat(MembershipPolicy.remove(actor, false, target).outcome())
                        .as("%s removes a %s", actor, target)
                        .isEqualTo(outcome(cells[1 + target.ordinal()]));
            }
            assertThat(MembershipPolicy.remove(actor, true, actor).outcome())
                    .as("%s leaves", actor)
                    .isEqualTo(outcome(cells[6]));
        }
    }

    /** Whatever the grids say, these invariants must hold over every combination. */
    @Test
    void invariantsOverEveryCombination() {
        List<WorkspaceRole> actors = new ArrayList<>(Arrays.asList(ROLES));
        actors.add(null);
        for (WorkspaceRole actor : actors) {
            for (WorkspaceRole current : ROLES) {
                for (WorkspaceRole requested : ROLES) {
                    for (boolean self : new boolean[] {false, true}) {
                        if (self && actor != current) {
                            continue;
                        }
                        var verdict = MembershipPolicy.changeRole(actor, self, current, requested);
                        if (!verdict.isAllowed()) {
                            assertThat(verdict.reason()).isNotBlank();
                            continue;
                        }
                        boolean noOp = self && current == requested;
                        if (noOp) {
                            continue;
                        }
                        assertThat(actor).as("only ADMIN+ change roles").isIn(OWNER, ADMIN);
                        if (requested == OWNER) {
                            assertThat(actor).as("only the owner transfers").isEqualTo(OWNER);
                        }
                        if (actor != OWNER) {
                            assertThat(actor.atLeast(requested))
                                    .as("never above own role")
                                    .isTrue();
                            assertThat(current.atLeast(actor))
                                    .as("never an equal or higher member")
                                    .isFalse();
                        }
                    }
                }
            }
        }
    }

    private static Outcome outcome(String cell) {
        return switch (cell) {
            case "A" -> Outcome.ALLOW;
            case "F" -> Outcome.FORBIDDEN;
            case "C" -> Outcome.CONFLICT;
            default -> throw new IllegalArgumentException(cell);
        };
    }
}
