package dev.connectnow.realtime.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.realtime.routing.MembershipChange.ChannelDeleted;
import dev.connectnow.realtime.routing.MembershipChange.ChannelMemberAdded;
import dev.connectnow.realtime.routing.MembershipChange.ChannelMemberRemoved;
import dev.connectnow.realtime.routing.MembershipChange.ConversationCreated;
import dev.connectnow.realtime.routing.MembershipChange.WorkspaceDeleted;
import dev.connectnow.realtime.routing.MembershipChange.WorkspaceMemberAdded;
import dev.connectnow.realtime.routing.MembershipChange.WorkspaceMemberRemoved;
import dev.connectnow.realtime.routing.MembershipSnapshot.ChannelMembership;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RoutingIndexTest {

    final RoutingIndex index = new RoutingIndex();
    final UUID ada = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();
    final UUID workspace = UUID.randomUUID();
    final UUID general = UUID.randomUUID();
    final UUID secret = UUID.randomUUID();

    MembershipSnapshot snapshot(UUID... channels) {
        List<ChannelMembership> memberships = java.util.Arrays.stream(channels)
                .map(c -> new ChannelMembership(c, workspace, c.equals(secret), 7))
                .toList();
        return new MembershipSnapshot(Set.of(workspace), memberships, Set.of());
    }

    void present(UUID user, UUID... channels) {
        assertThat(index.acquire(user).mustLoad()).isTrue();
        index.install(user, snapshot(channels));
    }

    @Test
    void aSnapshotMakesTheUserRoutable() {
        RoutingIndex.Acquisition first = index.acquire(ada);
        assertThat(first.mustLoad()).isTrue();
        assertThat(first.ready()).isNotDone();
        assertThat(index.channelMembers(general)).isEmpty();
        index.install(ada, snapshot(general, secret));
        assertThat(first.ready()).isCompleted();
        assertThat(index.channelMembers(general)).containsExactly(ada);
        assertThat(index.channel(secret).orElseThrow().isPrivate()).isTrue();
        assertThat(index.channel(general).orElseThrow().memberCount()).isEqualTo(7);
        assertThat(index.workspaceMembers(workspace)).containsExactly(ada);
        assertThat(index.workspacesOf(ada)).containsExactly(workspace);
    }

    @Test
    void changesDuringTheSnapshotAreAppliedAfterItInOrder() {
        index.acquire(ada);
        // the snapshot was taken before these happened (or after, it does not matter: they set state)
        index.apply(new ChannelMemberAdded(secret, workspace, ada, true));
        index.apply(new ChannelMemberRemoved(general, ada));
        index.apply(new ConversationCreated(ada, bob));
        assertThat(index.channelMembers(secret)).isEmpty();
        index.install(ada, snapshot(general));
        assertThat(index.channelMembers(general)).isEmpty();
        assertThat(index.channelMembers(secret)).containsExactly(ada);
        assertThat(index.dmPartners(ada)).containsExactly(bob);
        assertThat(index.localDmPartnersOf(bob)).containsExactly(ada);
    }

    @Test
    void aChannelDeletedWhileLoadingDoesNotComeBackFromTheSnapshot() {
        index.acquire(ada);
        index.apply(new ChannelDeleted(general));
        index.install(ada, snapshot(general, secret));
        assertThat(index.channel(general)).isEmpty();
        assertThat(index.channelMembers(secret)).containsExactly(ada);
    }

    @Test
    void removalStopsRoutingAtOnce() {
        present(ada, general);
        present(bob, general);
        index.apply(new ChannelMemberRemoved(general, bob));
        assertThat(index.channelMembers(general)).containsExactly(ada);
        assertThat(index.isChannelMember(bob, general)).isFalse();
        assertThat(index.channel(general).orElseThrow().memberCount()).isEqualTo(6);
    }

    @Test
    void leavingTheWorkspaceLeavesItsChannels() {
        present(ada, general, secret);
        index.apply(new WorkspaceMemberRemoved(workspace, ada));
        assertThat(index.channelMembers(general)).isEmpty();
        assertThat(index.channelMembers(secret)).isEmpty();
        assertThat(index.workspaceMembers(workspace)).isEmpty();
        index.apply(new WorkspaceMemberAdded(workspace, ada));
        assertThat(index.workspaceMembers(workspace)).containsExactly(ada);
        assertThat(index.channelMembers(general)).isEmpty(); // channel memberships come back by their own events
    }

    @Test
    void aDeletedWorkspaceTakesItsChannelsAlong() {
        present(ada, general);
        present(bob, secret);
        index.apply(new WorkspaceDeleted(workspace));
        assertThat(index.channel(general)).isEmpty();
        assertThat(index.channel(secret)).isEmpty();
        assertThat(index.workspacesOf(ada)).isEmpty();
    }

    @Test
    void eventsAboutUsersNotHereAreIgnoredButCountMembers() {
        present(ada, general);
        index.apply(new ChannelMemberAdded(general, workspace, bob, false));
        assertThat(index.channelMembers(general)).containsExactly(ada);
        assertThat(index.channel(general).orElseThrow().memberCount()).isEqualTo(8);
        index.apply(new WorkspaceMemberAdded(workspace, bob));
        assertThat(index.workspaceMembers(workspace)).containsExactly(ada);
    }

    @Test
    void theLastReleaseForgetsTheUser() {
        present(ada, general);
        assertThat(index.acquire(ada).mustLoad()).isFalse();
        index.release(ada);
        assertThat(index.channelMembers(general)).containsExactly(ada);
        index.release(ada);
        assertThat(index.isPresent(ada)).isFalse();
        assertThat(index.channel(general)).isEmpty();
        assertThat(index.workspaceMembers(workspace)).isEmpty();
        assertThat(index.userCount()).isZero();
    }

    @Test
    void aSecondSessionWaitsForTheFirstSnapshotAndAFailedLoadFailsBoth() {
        RoutingIndex.Acquisition first = index.acquire(ada);
        RoutingIndex.Acquisition second = index.acquire(ada);
        assertThat(second.mustLoad()).isFalse();
        index.abandon(ada, new IllegalStateException("channel-service down"));
        assertThat(first.ready()).isCompletedExceptionally();
        assertThat(second.ready()).isCompletedExceptionally();
        assertThat(index.acquire(ada).mustLoad()).isTrue();
    }
}
