package dev.connectnow.message.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagePermissionsTest {

    @ParameterizedTest
    @EnumSource(MessageAction.class)
    void outsidersOfTheWorkspaceFindNothing(MessageAction action) {
        assertThat(MessagePermissions.decide(action, null, null, false, true)).isEqualTo(Access.NOT_FOUND);
        assertThat(MessagePermissions.decide(action, null, ChannelRole.OWNER, true, true))
                .isEqualTo(Access.NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(MessageAction.class)
    void privateChannelsExistOnlyForTheirMembersAdminsIncluded(MessageAction action) {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(MessagePermissions.decide(action, role, null, true, true))
                    .isEqualTo(Access.NOT_FOUND);
        }
    }

    @Test
    void readingAPublicChannelNeedsOnlyTheWorkspaceWritingNeedsMembership() {
        for (WorkspaceRole role : WorkspaceRole.values()) {
            assertThat(MessagePermissions.decide(MessageAction.READ, role, null, false, false))
                    .isEqualTo(Access.ALLOW);
            assertThat(MessagePermissions.decide(MessageAction.POST, role, null, false, false))
                    .isEqualTo(Access.FORBIDDEN);
            assertThat(MessagePermissions.decide(MessageAction.REACT, role, null, false, false))
                    .isEqualTo(Access.FORBIDDEN);
            assertThat(MessagePermissions.decide(MessageAction.POST, role, ChannelRole.MEMBER, true, false))
                    .isEqualTo(Access.ALLOW);
        }
    }

    @Test
    void onlyTheAuthorEditsWhateverTheirRoles() {
        assertThat(MessagePermissions.decide(MessageAction.EDIT, WorkspaceRole.GUEST, ChannelRole.MEMBER, false, true))
                .isEqualTo(Access.ALLOW);
        assertThat(MessagePermissions.decide(MessageAction.EDIT, WorkspaceRole.OWNER, ChannelRole.OWNER, false, false))
                .isEqualTo(Access.FORBIDDEN);
    }

    @Test
    void deletingIsForTheAuthorModeratorsAndChannelAdmins() {
        assertThat(MessagePermissions.decide(
                        MessageAction.DELETE, WorkspaceRole.MEMBER, ChannelRole.MEMBER, false, true))
                .isEqualTo(Access.ALLOW);
        assertThat(MessagePermissions.decide(
                        MessageAction.DELETE, WorkspaceRole.MEMBER, ChannelRole.MEMBER, false, false))
                .isEqualTo(Access.FORBIDDEN);
        assertThat(MessagePermissions.decide(
                        MessageAction.DELETE, WorkspaceRole.GUEST, ChannelRole.MEMBER, false, false))
                .isEqualTo(Access.FORBIDDEN);
        for (WorkspaceRole role :
                new WorkspaceRole[] {WorkspaceRole.MODERATOR, WorkspaceRole.ADMIN, WorkspaceRole.OWNER}) {
            assertThat(MessagePermissions.decide(MessageAction.DELETE, role, null, false, false))
                    .isEqualTo(Access.ALLOW);
            assertThat(MessagePermissions.decide(MessageAction.PIN, role, null, false, false))
                    .isEqualTo(Access.ALLOW);
        }
        for (ChannelRole role : new ChannelRole[] {ChannelRole.ADMIN, ChannelRole.OWNER}) {
            assertThat(MessagePermissions.decide(MessageAction.DELETE, WorkspaceRole.MEMBER, role, true, false))
                    .isEqualTo(Access.ALLOW);
            assertThat(MessagePermissions.decide(MessageAction.PIN, WorkspaceRole.GUEST, role, true, false))
                    .isEqualTo(Access.ALLOW);
        }
    }

    @Test
    void pinningIsNotForAuthorsAsSuch() {
        assertThat(MessagePermissions.decide(MessageAction.PIN, WorkspaceRole.MEMBER, ChannelRole.MEMBER, false, true))
                .isEqualTo(Access.FORBIDDEN);
    }
}
