package dev.connectnow.channel.directory;

import static dev.connectnow.channel.directory.ChannelPermissions.channel;
import static dev.connectnow.channel.directory.ChannelPermissions.removeMember;
import static dev.connectnow.channel.directory.ChannelPermissions.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.channel.common.Access;
import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelPermissions.WorkspaceAction;
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
            assertThat(channel(action, null, role, false)).isEqualTo(Access.NOT_FOUND);
            assertThat(channel(action, null, role, true)).isEqualTo(Access.NOT_FOUND);
        }
    }

    @ParameterizedTest
    @EnumSource(WorkspaceAction.class)
    void workspaceActionsOfNonMembersAreNotFound(WorkspaceAction action) {
        assertThat(workspace(action, null)).isEqualTo(Access.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(ChannelAction.class)
    void privateChannelsAreInvisibleToNonMembersWhateverTheirWorkspaceRole(ChannelAction action) {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(channel(action, role, null, true))
                    .as("%s by %s", action, role)
                    .isEqualTo(Access.NOT_FOUND);
        }
    }

    @Test
    void creatingNeedsMemberOrAboveAndReorderingNeedsAdmin() {
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.OWNER))
                .isEqualTo(Access.ALLOW);
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.MODERATOR))
                .isEqualTo(Access.ALLOW);
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.MEMBER))
                .isEqualTo(Access.ALLOW);
        assertThat(workspace(WorkspaceAction.CREATE_CHANNEL, WorkspaceRole.GUEST))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(workspace(WorkspaceAction.REORDER_CHANNELS, WorkspaceRole.ADMIN))
                .isEqualTo(Access.ALLOW);
        assertThat(workspace(WorkspaceAction.REORDER_CHANNELS, WorkspaceRole.MODERATOR))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(workspace(WorkspaceAction.LIST_CHANNELS, WorkspaceRole.GUEST))
                .isEqualTo(Access.ALLOW);
        assertThat(workspace(WorkspaceAction.READ_UNREAD_SUMMARY, WorkspaceRole.GUEST))
                .isEqualTo(Access.ALLOW);
    }

    @Test
    void publicChannelsAreVisibleAndJoinableByEveryWorkspaceMember() {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(channel(ChannelAction.VIEW, role, null, false)).isEqualTo(Access.ALLOW);
            assertThat(channel(ChannelAction.LIST_MEMBERS, role, null, false)).isEqualTo(Access.ALLOW);
            assertThat(channel(ChannelAction.JOIN, role, null, false)).isEqualTo(Access.ALLOW);
            assertThat(channel(ChannelAction.OWN_MEMBERSHIP, role, null, false)).isEqualTo(Access.FORBIDDEN);
        }
    }

    @Test
    void managingNeedsChannelAdminOrWorkspaceAdmin() {
        for (boolean isPrivate : new boolean[] {false, true}) {
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.GUEST, ChannelRole.OWNER, isPrivate))
                    .isEqualTo(Access.ALLOW);
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.MEMBER, ChannelRole.ADMIN, isPrivate))
                    .isEqualTo(Access.ALLOW);
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.MODERATOR, ChannelRole.MEMBER, isPrivate))
                    .isEqualTo(Access.FORBIDDEN);
            assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.ADMIN, ChannelRole.MEMBER, isPrivate))
                    .isEqualTo(Access.ALLOW);
        }
        assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.ADMIN, null, false))
                .isEqualTo(Access.ALLOW);
        assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.OWNER, null, true))
                .isEqualTo(Access.NOT_FOUND);
        assertThat(channel(ChannelAction.MANAGE, WorkspaceRole.MEMBER, null, false))
                .isEqualTo(Access.FORBIDDEN);
    }

    @Test
    void addingMembersToPrivateChannelsNeedsChannelAdminToPublicOnesAnyMember() {
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.MEMBER, ChannelRole.MEMBER, false))
                .isEqualTo(Access.ALLOW);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.MEMBER, null, false))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.OWNER, ChannelRole.MEMBER, true))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.MEMBER, ChannelRole.ADMIN, true))
                .isEqualTo(Access.ALLOW);
        assertThat(channel(ChannelAction.ADD_MEMBER, WorkspaceRole.GUEST, ChannelRole.OWNER, true))
                .isEqualTo(Access.ALLOW);
    }

    @Test
    void onlyWorkspaceAdminsRemoveTheChannelOwner() {
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.ADMIN, false, ChannelRole.MEMBER))
                .isEqualTo(Access.ALLOW);
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.ADMIN, false, ChannelRole.OWNER))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(removeMember(WorkspaceRole.ADMIN, null, false, ChannelRole.OWNER))
                .isEqualTo(Access.ALLOW);
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.MEMBER, false, ChannelRole.MEMBER))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(removeMember(WorkspaceRole.OWNER, null, true, ChannelRole.MEMBER))
                .isEqualTo(Access.NOT_FOUND);
        assertThat(removeMember(WorkspaceRole.MEMBER, ChannelRole.OWNER, false, null))
                .isEqualTo(Access.ALLOW);
    }
}
