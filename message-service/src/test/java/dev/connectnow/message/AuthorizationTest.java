package dev.connectnow.message;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.EventFeed.Membership;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.testkit.ApiClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Who may read and write what (S1, S2, S3), from projections fed by channel and workspace events: removal
 * takes effect as soon as the event is applied; SYSTEM messages are written once per channel event; a flood
 * from one user is refused (S15).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"connectnow.message.post-rate-per-second=2", "connectnow.message.post-burst=6"})
class AuthorizationTest extends MessageTestBase {

    private EventFeed feed;
    private UUID owner;
    private UUID member;
    private UUID workspace;

    @BeforeAll
    void workspace() {
        feed = feed();
        owner = newUser();
        member = newUser();
        workspace = feed.workspace(owner);
        feed.member(workspace, member, WorkspaceRole.MEMBER);
    }

    @Test
    void anotherWorkspaceAndPrivateChannelsAreNotFoundForOutsiders() {
        Channel secret = feed.channel(workspace, owner, "secret", true);
        UUID message = id(post(owner, secret.id(), "private plans"));
        UUID reply = id(post(owner, secret.id(), body("content", "more", "parentId", message)));
        api(owner).post("/api/messages/" + message + "/pin", null);

        UUID foreigner = newUser();
        feed.workspace(foreigner); // a member of another workspace only
        for (UUID outsider : List.of(foreigner, member)) {
            ApiClient api = api(outsider);
            assertProblem(api.get("/api/channels/" + secret.id() + "/messages"), 404);
            assertProblem(api.get("/api/channels/" + secret.id() + "/pins"), 404);
            assertProblem(api.get("/api/messages/" + message), 404);
            assertProblem(api.get("/api/messages/" + reply), 404);
            assertProblem(api.get("/api/messages/" + message + "/replies"), 404);
            assertProblem(api.post("/api/channels/" + secret.id() + "/messages", body("content", "let me in")), 404);
            assertProblem(api.patch("/api/messages/" + message, body("content", "x", "version", 1)), 404);
            assertProblem(api.delete("/api/messages/" + message), 404);
            assertProblem(api.post("/api/messages/" + message + "/pin", null), 404);
            assertProblem(api.put("/api/messages/" + message + "/reactions/:eyes:", null), 404);
            JsonNode hidden = assertProblem(api.get("/api/messages/" + message), 404);
            JsonNode absent = assertProblem(api.get("/api/messages/" + UUID.randomUUID()), 404);
            assertThat(hidden.get("detail")).isEqualTo(absent.get("detail"));
        }
        Channel open = feed.channel(workspace, owner, "open", false);
        UUID publicMessage = id(post(owner, open.id(), "public"));
        assertProblem(api(foreigner).get("/api/channels/" + open.id() + "/messages"), 404);
        assertProblem(api(foreigner).get("/api/messages/" + publicMessage), 404);
        assertThat(api(member).get("/api/channels/" + open.id() + "/messages").status())
                .as("a public channel is readable by workspace members before they join")
                .isEqualTo(200);
        assertProblem(api(member).post("/api/channels/" + open.id() + "/messages", body("content", "hi")), 403);
        assertProblem(api(member).put("/api/messages/" + publicMessage + "/reactions/:eyes:", null), 403);
        assertThat(api(owner)
                        .get("/api/messages/" + message)
                        .json()
                        .get("content")
                        .asString())
                .isEqualTo("private plans");
    }

    @Test
    void editingOrDeletingSomeoneElsesMessageIsForbiddenAndChangesNothing() {
        Channel channel = feed.channel(workspace, owner, "others", false);
        feed.join(channel, member, ChannelRole.MEMBER);
        UUID guest = newUser();
        feed.member(workspace, guest, WorkspaceRole.GUEST);
        feed.join(channel, guest, ChannelRole.MEMBER);
        UUID byOwner = id(post(owner, channel.id(), "the owner's words"));
        assertProblem(api(member).patch("/api/messages/" + byOwner, body("content", "mine now", "version", 1)), 403);
        assertProblem(api(member).delete("/api/messages/" + byOwner), 403);
        assertProblem(api(guest).delete("/api/messages/" + byOwner), 403);
        assertProblem(api(member).post("/api/messages/" + byOwner + "/pin", null), 403);
        JsonNode unchanged = api(owner).get("/api/messages/" + byOwner).json();
        assertThat(unchanged.get("content").asString()).isEqualTo("the owner's words");
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
        assertThat(unchanged.get("isPinned").asBoolean()).isFalse();
        assertThat(post(guest, channel.id(), "guests may post where they are members")
                        .get("userId")
                        .asString())
                .isEqualTo(guest.toString());

        // SYSTEM messages have no author: the member they name cannot edit or delete them
        JsonNode joined = api(member)
                .get("/api/channels/" + channel.id() + "/messages?limit=200")
                .json();
        JsonNode memberJoined = joined.get("items")
                .valueStream()
                .filter(m -> m.get("type").asString().equals("SYSTEM")
                        && m.get("userId").asString().equals(member.toString()))
                .findFirst()
                .orElseThrow();
        assertProblem(
                api(member)
                        .patch(
                                "/api/messages/" + memberJoined.get("id").asString(),
                                body("content", "x", "version", 1)),
                403);
        assertProblem(
                api(member).delete("/api/messages/" + memberJoined.get("id").asString()), 403);
        assertThat(api(owner)
                        .delete("/api/messages/" + memberJoined.get("id").asString())
                        .status())
                .as("moderators may")
                .isEqualTo(204);
    }

    @Test
    void removalFromTheChannelOrWorkspaceTakesEffectWhenItsEventIsApplied() {
        UUID carol = newUser();
        Membership carolInWorkspace = feed.member(workspace, carol, WorkspaceRole.MEMBER);
        Channel secret = feed.channel(workspace, owner, "removal", true);
        feed.join(secret, carol, ChannelRole.MEMBER);
        UUID message = id(post(carol, secret.id(), "I am in"));
        feed.leave(secret, carol);
        assertProblem(api(carol).get("/api/channels/" + secret.id() + "/messages"), 404);
        assertProblem(api(carol).get("/api/messages/" + message), 404);
        assertProblem(api(carol).delete("/api/messages/" + message), 404);

        Channel open = feed.channel(workspace, owner, "removal-open", false);
        feed.join(open, carol, ChannelRole.MEMBER);
        assertThat(post(carol, open.id(), "still here").get("content").asString())
                .isEqualTo("still here");
        feed.removeMember(carolInWorkspace);
        assertProblem(api(carol).get("/api/channels/" + open.id() + "/messages"), 404);
        assertProblem(api(carol).post("/api/channels/" + open.id() + "/messages", body("content", "x")), 404);
        // a late added event of the old membership changes nothing
        feed.publishAndAwait(
                feed.memberEvent(dev.connectnow.events.workspace.WorkspaceEvents.MEMBER_ADDED, carolInWorkspace));
        assertProblem(api(carol).get("/api/channels/" + open.id() + "/messages"), 404);
        feed.member(workspace, carol, WorkspaceRole.MEMBER);
        assertThat(api(carol).get("/api/channels/" + open.id() + "/messages").status())
                .isEqualTo(200);
    }

    @Test
    void workspaceRolesAndChannelRolesGrantModeration() {
        Channel channel = feed.channel(workspace, owner, "moderation", false);
        UUID dave = newUser();
        Membership daveInWorkspace = feed.member(workspace, dave, WorkspaceRole.MEMBER);
        feed.join(channel, dave, ChannelRole.MEMBER);
        UUID message = id(post(owner, channel.id(), "moderate me"));
        assertProblem(api(dave).post("/api/messages/" + message + "/pin", null), 403);
        feed.changeRole(daveInWorkspace, WorkspaceRole.MODERATOR);
        assertThat(api(dave).post("/api/messages/" + message + "/pin", null).status())
                .isEqualTo(200);
        feed.changeRole(daveInWorkspace.next(WorkspaceRole.MODERATOR), WorkspaceRole.MEMBER);
        assertProblem(api(dave).delete("/api/messages/" + message + "/pin"), 403);
        feed.changeChannelRole(channel, dave, ChannelRole.ADMIN);
        assertThat(api(dave).delete("/api/messages/" + message + "/pin").status())
                .isEqualTo(200);
        assertThat(api(dave).delete("/api/messages/" + message).status()).isEqualTo(204);
    }

    @Test
    void systemMessagesTellTheChannelsStoryOncePerEvent() {
        Channel channel = feed.channel(workspace, owner, "story", false);
        feed.join(channel, member, ChannelRole.MEMBER);
        Channel renamed = feed.update(channel.withName("story-time"));
        Channel withTopic = feed.update(renamed.withTopic("Once upon a time 🐉"));
        feed.update(withTopic); // nothing changed: no message
        Channel archived = feed.archive(withTopic, true);
        feed.archive(archived, false);
        feed.leave(channel, member);
        EventEnvelope<?> again = feed.channelMember(ChannelEvents.MEMBER_REMOVED, channel, member, ChannelRole.MEMBER);
        feed.send(feed.channelMember(ChannelEvents.MEMBER_ADDED, channel, member, ChannelRole.MEMBER));
        feed.publishAndAwait(again);
        EventEnvelope<?> archiveEvent = feed.channelEvent(ChannelEvents.ARCHIVED, withTopic.archived(true));
        feed.publishAndAwait(archiveEvent);
        feed.send(archiveEvent); // redelivered
        feed.publishAndAwait(feed.channelEvent(ChannelEvents.UNARCHIVED, withTopic));

        JsonNode story = api(owner)
                .get("/api/channels/" + channel.id() + "/messages?limit=200")
                .json();
        List<String> lines = story.get("items")
                .valueStream()
                .map(m -> m.get("content").asString())
                .toList();
        lines = reversed(lines);
        assertThat(lines)
                .containsExactly(
                        "joined the channel",
                        "joined the channel",
                        "Channel renamed to #story-time",
                        "Channel topic set to: Once upon a time 🐉",
                        "The channel was archived",
                        "The channel was unarchived",
                        "left the channel",
                        "joined the channel",
                        "left the channel",
                        "The channel was archived",
                        "The channel was unarchived");
        assertThat(story.get("items").valueStream().map(m -> m.get("type").asString()))
                .containsOnly("SYSTEM");
        List<Long> seqs = reversed(
                story.get("items").valueStream().map(m -> m.get("seq").asLong()).toList());
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void deletedChannelsAndWorkspacesAnswerNotFound() {
        UUID other = feed.workspace(owner);
        Channel doomed = feed.channel(other, owner, "doomed", false);
        UUID message = id(post(owner, doomed.id(), "soon gone"));
        feed.deleteChannel(doomed);
        assertProblem(api(owner).get("/api/channels/" + doomed.id() + "/messages"), 404);
        assertProblem(api(owner).get("/api/messages/" + message), 404);
        feed.publishAndAwait(feed.channelMember(ChannelEvents.MEMBER_ADDED, doomed, owner, ChannelRole.OWNER));
        assertProblem(api(owner).post("/api/channels/" + doomed.id() + "/messages", body("content", "x")), 404);

        Channel survivor = feed.channel(other, owner, "survivor", false);
        UUID kept = id(post(owner, survivor.id(), "workspace goes"));
        feed.deleteWorkspace(other);
        assertProblem(api(owner).get("/api/messages/" + kept), 404);
        assertProblem(api(owner).get("/api/channels/" + survivor.id() + "/messages"), 404);
    }

    @Test
    void aMessageFloodFromOneUserIsRefusedWithoutAffectingOthers() {
        Channel channel = feed.channel(workspace, owner, "flood", false);
        feed.join(channel, member, ChannelRole.MEMBER);
        int accepted = 0;
        ApiClient.Response refused = null;
        for (int i = 0; i < 20 && refused == null; i++) {
            ApiClient.Response response =
                    api(member).post("/api/channels/" + channel.id() + "/messages", body("content", "spam " + i));
            if (response.status() == 201) {
                accepted++;
            } else {
                refused = response;
            }
        }
        assertThat(accepted).isBetween(6, 10);
        assertProblem(refused, 429);
        assertThat(refused.header("Retry-After")).isPresent();
        assertThat(api(owner)
                        .post("/api/channels/" + channel.id() + "/messages", body("content", "unaffected"))
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> api(member)
                                .post("/api/channels/" + channel.id() + "/messages", body("content", "later"))
                                .status()
                        == 201);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
