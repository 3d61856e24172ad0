package dev.connectnow.channel.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelPermissions.WorkspaceAction;
import dev.connectnow.chassis.access.Verdict.Outcome;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The channel permission rules, without Spring. */
class ChannelPermissionsTest {

    @ParameterizedTest
    @EnumSource(ChannelAction.class)
    void nonMembersOfTheWorkspaceFindNothing(ChannelAction action) {
        for (ChannelRole role : new ChannelRole[] {null, ChannelRole.OWNER}) {
            assertThat(channel(action, null, role, false)).isEqualTo(Outcome.NOT_FOUND);
            assertThat(channel(action, null, role, true)).isEqualTo(Outcome.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(WorkspaceAction.class)
    void workspaceActionsOfNonMembersAreNotFound(WorkspaceAction action) {
        assertThat(workspace(action, null)).isEqualTo(Outcome.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(ChannelAction.class)
    void privateChannelsAreInvisibleToNonMembersWhateverTheirWorkspaceRole(ChannelAction action) {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(channel(action, role, null, true))
                    .as("%s by %s", action, role)
                    .isEqualTo(Outcome.NOT_FOUND);
        }
    }

    @Test
    void creatingNeedsMemberOrAboveAndReorderingNeedsAdmin() {
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.OWNER))
                .isEqualTo(Outcome.ALLOW);
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.MODERATOR))
                .isEqualTo(Outcome.ALLOW);
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.MEMBER))
                .isEqualTo(Outcome.ALLOW);
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.GUEST))
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(workspace(WorkspaceAction.REORDER_CHANNELS, WorkspaceRole.ADMIN))
                .isEqualTo(Outcome.ALLOW);
        assertThat(workspace(WorkspaceAction.REORDER_CHANNELS, WorkspaceRole.MODERATOR))
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(workspace(WorkspaceAction.LIST_CHANNELS, WorkspaceRole.GUEST))
                .isEqualTo(Outcome.ALLOW);
        assertThat(workspace(WorkspaceAction.READ_UNREAD_SUMMARY, WorkspaceRole.GUEST))
                .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void publicChannelsAreVisibleAndJoinableByEveryWorkspaceMember() {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(channel(ChannelAction.VIEW, role, null, false)).isEqualTo(Outcome.ALLOW);
            assertThat(channel(ChannelAction.LIST_MEMBERS, role, null, false)).isEqualTo(Outcome.ALLOW);
            assertThat(channel(ChannelAction.JOIN, role, null, false)).isEqualTo(Outcome.ALLOW);
            assertThat(channel(ChannelAction.OWN_MEMBERSHIP, role, null, false)).isEqualTo(Outcome.FORBIDDEN);
        }
    }

    @Test
    void managingNeedsChannelAdminOrWorkspaceAdmin() {
        for (boolean isPrivate : new boolean[] {false, true}) {
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.GUEST, ChannelRole.OWNER, isPrivate))
                    .isEqualTo(Outcome.ALLOW);
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.MEMBER, ChannelRole.ADMIN, isPrivate))
                    .isEqualTo(Outcome.ALLOW);
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.MODERATOR, ChannelRole.MEMBER, isPrivate))
                    .isEqualTo(Outcome.FORBIDDEN);
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.ADMIN, ChannelRole.MEMBER, isPrivate))
                    .isEqualTo(Outcome.ALLOW);
        }
        assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.ADMIN, null, false))
                .isEqualTo(Outcome.ALLOW);
        assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.OWNER, null, true))
                .isEqualTo(Outcome.NOT_FOUND);
        assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.MEMBER, null, false))
                .isEqualTo(Outcome.FORBIDDEN);
    }

    @Test
    void addingMembersToPrivateChannelsNeedsChannelAdminToPublicOnesAnyMember() {
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.MEMBER, ChannelRole.MEMBER, false))
                .isEqualTo(Outcome.ALLOW);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.MEMBER, null, false))
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.OWNER, ChannelRole.MEMBER, true))
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.MEMBER, ChannelRole.ADMIN, true))
                .isEqualTo(Outcome.ALLOW);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.GUEST, ChannelRole.OWNER, true))
                .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void onlyWorkspaceAdminsRemoveTheChannelOwner() {
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.ADMIN, false, ChannelRole.MEMBER))
                .isEqualTo(Outcome.ALLOW);
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.ADMIN, false, ChannelRole.OWNER))
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(removeMember(WorkspaceRole.ADMIN, null, false, ChannelRole.OWNER))
                .isEqualTo(Outcome.ALLOW);
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.MEMBER, false, ChannelRole.MEMBER))
                .isEqualTo(Outcome.FORBIDDEN);
        assertThat(removeMember(WorkspaceRole.OWNER, null, true, ChannelRole.MEMBER))
                .isEqualTo(Outcome.NOT_FOUND);
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.OWNER, false, null))
                .isEqualTo(Outcome.ALLOW);
    }

    // the outcomes of the rules; the reasons a refused caller is told are checked where they matter

    private static Outcome channel(ChannelAction action, WorkspaceRole workspace, ChannelRole channel, boolean priv) {
        return ChannelPermissions.channel(action, workspace, channel, priv).outcome();
    }

    private static Outcome workspace(WorkspaceAction action, WorkspaceRole role) {
        return ChannelPermissions.workspace(action, role).outcome();
    }

    private static Outcome removeMember(
            WorkspaceRole workspace, ChannelRole channel, boolean priv, ChannelRole target) {
        return ChannelPermissions.removeMember(workspace, channel, priv, target).outcome();
    }
}
