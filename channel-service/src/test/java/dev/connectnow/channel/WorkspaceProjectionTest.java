package dev.connectnow.channel;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.channel.support.IntegrationTestBase;
import dev.connectnow.channel.support.Upstream;
import dev.connectnow.channel.support.Upstream.Membership;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.TestEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The projection of workspace memberships fed by connectnow.workspace: #general, idempotency, ordering
 * tolerance, removal and workspace deletion, and the channel events they cause.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceProjectionTest extends IntegrationTestBase {

    private static final Duration QUIET = Duration.ofSeconds(2);

    private EventCollector channelEvents;
    private Upstream upstream;

    @BeforeAll
    void collect() {
        channelEvents = new EventCollector(Topics.CHANNEL);
        upstream = upstream();
    }

    @AfterAll
    void close() {
        channelEvents.close();
    }

    /**
     * Channel events seen once the topic has been quiet for a moment (so "exactly one" means one): waits for
     * the last event the test expects, then keeps reading briefly; later calls filter what was received.
     */
    private List<Received> settle(String lastType, UUID lastChannelId) {
        channelEvents.await(r -> r.is(lastType, lastChannelId), 1, Duration.ofSeconds(30));
        return channelEvents.drain(r -> true, QUIET);
    }

    private static List<Received> of(List<Received> events, String type, UUID channelId, UUID userId) {
        return events.stream()
                .filter(r -> r.is(type, channelId)
                        && (userId == null || r.data().path("userId").asString().equals(userId.toString())))
                .toList();
    }

    @Test
    void workspaceCreatedMakesGeneralWithTheOwnerAndNewMembersJoinIt() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID general = generalOf(workspace);

        JsonNode channel = api(owner).get("/api/channels/" + general).json();
        assertThat(channel.get("name").asString()).isEqualTo("general");
        assertThat(channel.get("type").asString()).isEqualTo("TEXT");
        assertThat(channel.get("isPrivate").asBoolean()).isFalse();
        assertThat(channel.get("position").asInt()).isZero();
        JsonNode members =
                api(owner).get("/api/channels/" + general + "/members").json().get("items");
        assertThat(members).hasSize(1);
        assertThat(members.get(0).get("role").asString()).isEqualTo("OWNER");

        // a new member can use channels as soon as the event is applied
        UUID newcomer = newUser();
        upstream.addMember(workspace, newcomer, WorkspaceRole.MEMBER);
        assertThat(api(newcomer)
                        .get("/api/workspaces/" + workspace + "/channels")
                        .status())
                .isEqualTo(200);
        assertThat(item(
                                api(newcomer)
                                        .get("/api/workspaces/" + workspace + "/channels")
                                        .json(),
                                general)
                        .get("isMember")
                        .asBoolean())
                .isTrue();
        assertThat(item(api(owner).get("/api/channels/" + general + "/members").json(), newcomer)
                        .get("role")
                        .asString())
                .isEqualTo("MEMBER");
        assertThat(createChannel(newcomer, workspace, "newcomers-channel", false))
                .isNotNull();

        List<Received> events = settle(
                "channel.created",
                UUID.fromString(jdbc.queryForObject(
                        "select id::text from channels where name = 'newcomers-channel' and workspace_id = ?",
                        String.class,
                        workspace)));
        List<Received> created = of(events, "channel.created", general, null);
        assertThat(created).hasSize(1);
        JsonNode data = created.get(0).data();
        assertThat(data.get("channelId").asString()).isEqualTo(general.toString());
        assertThat(data.get("workspaceId").asString()).isEqualTo(workspace.toString());
        assertThat(data.get("name").asString()).isEqualTo("general");
        assertThat(data.get("isPrivate").asBoolean()).isFalse();
        assertThat(created.get(0).key()).isEqualTo(general.toString());
        List<Received> ownerAdded = of(events, "channel.member.added", general, owner);
        assertThat(ownerAdded).hasSize(1);
        assertThat(ownerAdded.get(0).data().get("role").asString()).isEqualTo("OWNER");
        assertThat(ownerAdded.get(0).data().get("workspaceId").asString()).isEqualTo(workspace.toString());
        assertThat(of(events, "channel.member.added", general, newcomer)).hasSize(1);
    }

    @Test
    void theSameEventTwiceHasOneEffect() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID general = generalOf(workspace);
        UUID user = newUser();
        EventEnvelope<?> added =
                upstream.memberAdded(new Membership(workspace, user, UuidV7.next(), 1, WorkspaceRole.MEMBER));
        TestEvents.send(added);
        TestEvents.send(added);
        // a later event on the same key (same partition) proves both copies were consumed
        EventEnvelope<?> barrier =
                upstream.memberAdded(new Membership(workspace, newUser(), UuidV7.next(), 1, WorkspaceRole.MEMBER));
        upstream.publishAndAwait(barrier);

        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_members where channel_id = ? and user_id = ?",
                        Integer.class,
                        general,
                        user))
                .isEqualTo(1);
        List<Received> events = settle("channel.member.added", general);
        assertThat(of(events, "channel.member.added", general, user)).hasSize(1);

        // workspace.created replayed: still one #general
        upstream.publishAndAwait(upstream.workspaceCreated(workspace, owner));
        assertThat(jdbc.queryForObject(
                        "select count(*) from channels where workspace_id = ?", Integer.class, workspace))
                .isEqualTo(1);
    }

    @Test
    void staleEventsDoNotResurrectARemovedMembershipButANewerMembershipDoes() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID user = newUser();
        String channels = "/api/workspaces/" + workspace + "/channels";
        UUID older = UuidV7.next(); // a membership from before the one below, never announced until later

        Membership m1 = upstream.addMember(workspace, user, WorkspaceRole.MEMBER);
        assertThat(api(user).get(channels).status()).isEqualTo(200);
        Membership removed = upstream.removeMember(m1);
        assertProblem(api(user).get(channels), 404);

        upstream.publishAndAwait(upstream.memberAdded(m1)); // late add of the same membership
        assertProblem(api(user).get(channels), 404);
        upstream.publishAndAwait(
                upstream.memberUpdated(removed.next(WorkspaceRole.ADMIN))); // same membership, newer rev
        assertProblem(api(user).get(channels), 404);
        upstream.publishAndAwait(upstream.memberAdded(new Membership(workspace, user, older, 1, WorkspaceRole.ADMIN)));
        assertProblem(api(user).get(channels), 404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_members where workspace_id = ? and user_id = ?",
                        Integer.class,
                        workspace,
                        user))
                .isZero();

        Membership m2 = upstream.addMember(workspace, user, WorkspaceRole.MEMBER); // rejoined: newer membership
        assertThat(api(user).get(channels).status()).isEqualTo(200);
        assertThat(item(api(user).get(channels).json(), generalOf(workspace))
                        .get("isMember")
                        .asBoolean())
                .isTrue();
        // a late removal of the old membership does not remove the new one
        upstream.publishAndAwait(upstream.memberRemoved(removed));
        assertThat(api(user).get(channels).status()).isEqualTo(200);
        assertThat(m2.membershipId()).isNotEqualTo(m1.membershipId());
    }

    @Test
    void aRemovalThatOvertakesItsAddStillWins() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID user = newUser();
        Membership added = new Membership(workspace, user, UuidV7.next(), 1, WorkspaceRole.MEMBER);
        upstream.publishAndAwait(upstream.memberRemoved(added.next(WorkspaceRole.MEMBER)));
        upstream.publishAndAwait(upstream.memberAdded(added));
        assertProblem(api(user).get("/api/workspaces/" + workspace + "/channels"), 404);
        assertThat(jdbc.queryForObject(
                        "select removed from workspace_memberships where workspace_id = ? " + "and user_id = ?",
                        Boolean.class,
                        workspace,
                        user))
                .isTrue();
    }

    @Test
    void roleChangesApplyInRevisionOrder() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID user = newUser();
        Membership member = upstream.addMember(workspace, user, WorkspaceRole.MEMBER);
        String order = "/api/workspaces/" + workspace + "/channels/order";
        Map<String, Object> body = Map.of("channelIds", List.of(generalOf(workspace)));
        assertThat(api(user).put(order, body).status()).isEqualTo(403);

        Membership promoted = upstream.changeRole(member, WorkspaceRole.ADMIN);
        assertThat(api(user).put(order, body).status()).isEqualTo(200);
        upstream.publishAndAwait(upstream.memberUpdated(
                member.next(WorkspaceRole.GUEST).next(WorkspaceRole.GUEST).next(WorkspaceRole.GUEST))); // revision 4
        assertThat(api(user).put(order, body).status()).isEqualTo(403);
        upstream.publishAndAwait(upstream.memberUpdated(promoted)); // revision 2 arrives again, late
        assertThat(api(user).put(order, body).status()).isEqualTo(403);
        assertThat(jdbc.queryForObject(
                        "select role from workspace_memberships where workspace_id = ? " + "and user_id = ?",
                        String.class,
                        workspace,
                        user))
                .isEqualTo("GUEST");
        assertThat(api(user)
                        .post("/api/workspaces/" + workspace + "/channels", Map.of("name", "guest"))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aRemovedMemberLosesAccessAndLeavesEveryChannel() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID user = newUser();
        Membership membership = upstream.addMember(workspace, user, WorkspaceRole.MEMBER);
        UUID general = generalOf(workspace);
        UUID pub = createChannel(owner, workspace, "pub", false);
        UUID priv = createChannel(user, workspace, "priv", true);
        assertThat(api(user).post("/api/channels/" + pub + "/join", null).status())
                .isEqualTo(200);
        UUID elsewhere = upstream.createWorkspace(newUser());
        upstream.addMember(elsewhere, user, WorkspaceRole.MEMBER);
        UUID untouched = createChannel(user, elsewhere, "elsewhere", false);

        upstream.removeMember(membership);

        assertProblem(api(user).get("/api/channels/" + pub), 404);
        assertProblem(api(user).get("/api/channels/" + priv), 404);
        assertProblem(api(user).get("/api/channels/" + general), 404);
        assertProblem(api(user).post("/api/channels/" + pub + "/join", null), 404);
        assertProblem(api(user).get("/api/workspaces/" + workspace + "/channels"), 404);
        assertProblem(api(user).get("/api/workspaces/" + workspace + "/unread"), 404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_members where workspace_id = ? and user_id = ?",
                        Integer.class,
                        workspace,
                        user))
                .isZero();
        List<Received> events = settle("channel.member.removed", priv);
        for (UUID channel : List.of(general, pub, priv)) {
            List<Received> removed = of(events, "channel.member.removed", channel, user);
            assertThat(removed).as("member.removed for %s", channel).hasSize(1);
            assertThat(removed.get(0).data().get("workspaceId").asString()).isEqualTo(workspace.toString());
        }
        assertThat(of(events, "channel.member.removed", priv, user)
                        .get(0)
                        .data()
                        .get("isPrivate")
                        .asBoolean())
                .isTrue();
        // their other workspace is untouched
        assertThat(api(user).get("/api/channels/" + untouched).status()).isEqualTo(200);
        // the private channel they owned lives on, invisible to everybody left
        assertProblem(api(owner).get("/api/channels/" + priv), 404);
        assertThat(jdbc.queryForObject("select count(*) from channels where id = ?", Integer.class, priv))
                .isEqualTo(1);
    }

    @Test
    void workspaceDeletedDeletesItsChannelsForGood() {
        UUID owner = newUser();
        UUID workspace = upstream.createWorkspace(owner);
        UUID general = generalOf(workspace);
        UUID pub = createChannel(owner, workspace, "doomed", false);
        UUID messageChannel = createChannel(owner, workspace, "with-messages", true);
        upstream.postMessage(messageChannel, 1, owner);

        upstream.publishAndAwait(upstream.workspaceDeleted(workspace));

        assertThat(jdbc.queryForObject(
                        "select count(*) from channels where workspace_id = ?", Integer.class, workspace))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_message_index where channel_id = ?",
                        Integer.class,
                        messageChannel))
                .isZero();
        assertProblem(api(owner).get("/api/channels/" + pub), 404);
        assertProblem(api(owner).get("/api/workspaces/" + workspace + "/channels"), 404);
        List<Received> events = settle("channel.deleted", messageChannel);
        for (UUID channel : List.of(general, pub, messageChannel)) {
            List<Received> deleted = of(events, "channel.deleted", channel, null);
            assertThat(deleted).as("channel.deleted for %s", channel).hasSize(1);
            assertThat(deleted.get(0).data().get("workspaceId").asString()).isEqualTo(workspace.toString());
        }
        // late or replayed events for the deleted workspace change nothing
        UUID late = newUser();
        upstream.publishAndAwait(
                upstream.memberAdded(new Membership(workspace, late, UuidV7.next(), 1, WorkspaceRole.MEMBER)));
        upstream.publishAndAwait(upstream.workspaceCreated(workspace, owner));
        assertProblem(api(late).get("/api/workspaces/" + workspace + "/channels"), 404);
        assertProblem(api(owner).post("/api/workspaces/" + workspace + "/channels", Map.of("name", "again")), 404);
        assertThat(jdbc.queryForObject(
                        "select count(*) from channels where workspace_id = ?", Integer.class, workspace))
                .isZero();
    }

    @Test
    void membersAnnouncedBeforeTheWorkspaceAreSeededIntoGeneral() {
        UUID owner = newUser();
        UUID early = newUser();
        UUID workspace = UuidV7.next();
        upstream.publishAndAwait(
                upstream.memberAdded(new Membership(workspace, early, UuidV7.next(), 1, WorkspaceRole.MEMBER)));
        upstream.publishAndAwait(upstream.workspaceCreated(workspace, owner));
        // no member event for the owner at all: workspace.created alone lets them in
        UUID general = generalOf(workspace);
        JsonNode members =
                api(owner).get("/api/channels/" + general + "/members").json();
        assertThat(item(members, owner).get("role").asString()).isEqualTo("OWNER");
        assertThat(item(members, early).get("role").asString()).isEqualTo("MEMBER");
        assertThat(createChannel(owner, workspace, "owner-can-create", false)).isNotNull();
        // the owner's real membership event then supersedes the provisional one
        Membership real = upstream.addMember(workspace, owner, WorkspaceRole.OWNER);
        assertThat(jdbc.queryForObject(
                        "select membership_id from workspace_memberships where workspace_id = ? " + "and user_id = ?",
                        UUID.class,
                        workspace,
                        owner))
                .isEqualTo(real.membershipId());
        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_members where channel_id = ? and user_id = ?",
                        Integer.class,
                        general,
                        owner))
                .isEqualTo(1);
    }
}
