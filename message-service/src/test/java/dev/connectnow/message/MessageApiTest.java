package dev.connectnow.message;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.testkit.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/** Every row of the Messages table of api.md, and the rules of posting, threads, edits, deletion and pins. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageApiTest extends MessageTestBase {

    private EventFeed feed;
    private UUID owner;
    private UUID alice;
    private UUID bob;
    private UUID workspace;

    @BeforeAll
    void workspace() {
        feed = feed();
        owner = newUser();
        alice = newUser();
        bob = newUser();
        workspace = feed.workspace(owner);
        feed.member(workspace, alice, WorkspaceRole.MEMBER);
        feed.member(workspace, bob, WorkspaceRole.MEMBER);
    }

    private Channel channelWithAll(String name) {
        Channel channel = feed.channel(workspace, owner, name, false);
        feed.join(channel, alice, ChannelRole.MEMBER);
        feed.join(channel, bob, ChannelRole.MEMBER);
        return channel;
    }

    @Test
    void postsAndReadsTheTimelineNewestFirstInKeysetPages() {
        Channel channel = channelWithAll("timeline");
        List<UUID> posted = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            posted.add(id(post(alice, channel.id(), "message " + i)));
        }
        JsonNode first = api(bob).get("/api/channels/" + channel.id() + "/messages?limit=3")
                .json();
        assertThat(contents(first)).containsExactly("message 7", "message 6", "message 5");
        JsonNode second = api(bob).get("/api/channels/" + channel.id() + "/messages?limit=3&cursor="
                        + first.get("nextCursor").asString())
                .json();
        assertThat(contents(second)).containsExactly("message 4", "message 3", "message 2");
        JsonNode third = api(bob).get("/api/channels/" + channel.id() + "/messages?limit=3&cursor="
                        + second.get("nextCursor").asString())
                .json();
        assertThat(contents(third)).containsExactly("message 1", "joined the channel", "joined the channel");
        JsonNode last = api(bob).get("/api/channels/" + channel.id() + "/messages?limit=3&cursor="
                        + third.get("nextCursor").asString())
                .json();
        assertThat(contents(last)).containsExactly("joined the channel");
        assertThat(last.get("nextCursor").isNull()).isTrue();

        JsonNode newest = first.get("items").get(0);
        assertThat(newest.get("id").asString()).isEqualTo(posted.get(6).toString());
        assertThat(newest.get("channelId").asString()).isEqualTo(channel.id().toString());
        assertThat(newest.get("userId").asString()).isEqualTo(alice.toString());
        assertThat(newest.get("type").asString()).isEqualTo("TEXT");
        assertThat(newest.get("seq").asLong()).isEqualTo(10); // three joins, then seven posts
        assertThat(newest.get("version").asLong()).isEqualTo(1);
        assertThat(newest.get("isEdited").asBoolean()).isFalse();
        assertThat(newest.get("isDeleted").asBoolean()).isFalse();
        assertThat(newest.get("isPinned").asBoolean()).isFalse();
        assertThat(newest.get("replyCount").asInt()).isZero();
        assertThat(newest.get("reactions").isEmpty()).isTrue();
        assertThat(newest.get("attachments").isEmpty()).isTrue();
        assertThat(newest.has("parentId")).isTrue();
        assertThat(newest.get("createdAt").asString())
                .isEqualTo(newest.get("updatedAt").asString());

        JsonNode one = api(bob).get("/api/messages/" + posted.get(0)).json();
        assertThat(one.get("content").asString()).isEqualTo("message 1");
        assertThat(one.get("seq").asLong()).isEqualTo(4);

        assertFieldErrors(
                api(bob).get("/api/channels/" + channel.id() + "/messages?cursor=bm90LWEtbnVtYmVy"), "cursor");
        assertFieldErrors(api(bob).get("/api/channels/" + channel.id() + "/messages?limit=0"), "limit");
        assertThat(api(bob).get("/api/channels/" + channel.id() + "/messages?limit=100000")
                        .json()
                        .get("items")
                        .size())
                .as("page size is capped, not refused")
                .isEqualTo(10);
        assertProblem(api(bob).get("/api/messages/" + UUID.randomUUID()), 404);
    }

    @Test
    void typeFollowsTheAttachmentsAndClientsCannotPostSystemMessages() {
        Channel channel = channelWithAll("types");
        assertThat(post(alice, channel.id(), body("content", "plain", "type", "TEXT"))
                        .get("type")
                        .asString())
                .isEqualTo("TEXT");
        assertFieldErrors(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "x", "type", "SYSTEM")),
                "type");
        assertFieldErrors(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "x", "type", "IMAGE")),
                "type");
        assertFieldErrors(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "   ")), "content");
        assertFieldErrors(
                api(alice)
                        .post(
                                "/api/channels/" + channel.id() + "/messages",
                                body("content", "x", "attachmentIds", List.of(UUID.randomUUID()))),
                "attachmentIds");
        assertProblem(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "x", "type", "POEM")),
                400);
        assertProblem(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "x", "seq", 1)), 400);
        assertProblem(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "x", "userId", bob)),
                400);
        assertThat(timelineSize(channel))
                .as("nothing was written by refused posts")
                .isEqualTo(4);
    }

    @Test
    void threadsHangBelowTheirRootOldestFirstAndCountTheirLiveReplies() {
        Channel channel = channelWithAll("threads");
        UUID root = id(post(alice, channel.id(), "root"));
        UUID r1 = id(post(bob, channel.id(), body("content", "r1", "parentId", root)));
        JsonNode r2 = post(alice, channel.id(), body("content", "r2 to a reply", "parentId", r1));
        assertThat(r2.get("parentId").asString())
                .as("a reply to a reply joins the root's thread")
                .isEqualTo(root.toString());
        for (int i = 3; i <= 5; i++) {
            post(bob, channel.id(), body("content", "r" + i, "parentId", root));
        }
        JsonNode rootView = api(alice).get("/api/messages/" + root).json();
        assertThat(rootView.get("replyCount").asInt()).isEqualTo(5);
        assertThat(contents(api(alice)
                        .get("/api/channels/" + channel.id() + "/messages")
                        .json()))
                .as("the timeline has top-level messages only")
                .doesNotContain("r1", "r2 to a reply", "r3")
                .contains("root");

        JsonNode page1 =
                api(alice).get("/api/messages/" + root + "/replies?limit=2").json();
        assertThat(contents(page1)).containsExactly("r1", "r2 to a reply");
        JsonNode page2 = api(alice)
                .get("/api/messages/" + root + "/replies?limit=2&cursor="
                        + page1.get("nextCursor").asString())
                .json();
        assertThat(contents(page2)).containsExactly("r3", "r4");
        JsonNode page3 = api(alice)
                .get("/api/messages/" + root + "/replies?limit=2&cursor="
                        + page2.get("nextCursor").asString())
                .json();
        assertThat(contents(page3)).containsExactly("r5");
        assertThat(page3.get("nextCursor").isNull()).isTrue();

        assertThat(api(bob).delete("/api/messages/" + r1).status()).isEqualTo(204);
        assertThat(api(alice)
                        .get("/api/messages/" + root)
                        .json()
                        .get("replyCount")
                        .asInt())
                .isEqualTo(4);
        assertThat(api(bob).delete("/api/messages/" + r1).status())
                .as("deleting twice is a no-op")
                .isEqualTo(204);
        assertThat(api(alice)
                        .get("/api/messages/" + root)
                        .json()
                        .get("replyCount")
                        .asInt())
                .isEqualTo(4);
        assertThat(contents(api(alice).get("/api/messages/" + root + "/replies").json()))
                .as("a deleted reply stays as a tombstone, in place")
                .containsExactly(null, "r2 to a reply", "r3", "r4", "r5");

        assertThat(api(alice).delete("/api/messages/" + root).status()).isEqualTo(204);
        assertThat(contents(api(alice).get("/api/messages/" + root + "/replies").json()))
                .as("replies stay when their root is deleted")
                .hasSize(5);
        assertProblem(
                api(bob).post("/api/channels/" + channel.id() + "/messages", body("content", "late", "parentId", root)),
                409);

        Channel other = channelWithAll("threads-other");
        UUID elsewhere = id(post(alice, other.id(), "elsewhere"));
        assertFieldErrors(
                api(alice)
                        .post(
                                "/api/channels/" + channel.id() + "/messages",
                                body("content", "x", "parentId", elsewhere)),
                "parentId");
        assertFieldErrors(
                api(alice)
                        .post(
                                "/api/channels/" + channel.id() + "/messages",
                                body("content", "x", "parentId", UUID.randomUUID())),
                "parentId");
        UUID joinMessage = UUID.fromString(api(alice)
                .get("/api/channels/" + other.id() + "/messages")
                .json()
                .get("items")
                .get(1)
                .get("id")
                .asString());
        assertFieldErrors(
                api(alice)
                        .post(
                                "/api/channels/" + other.id() + "/messages",
                                body("content", "x", "parentId", joinMessage)),
                "parentId");
    }

    @Test
    void editsNeedTheCurrentVersionAndAStaleOneGetsTheCurrentMessage() {
        Channel channel = channelWithAll("edits");
        UUID message = id(post(alice, channel.id(), "first draft"));
        ApiClient.Response edited =
                api(alice).patch("/api/messages/" + message, body("content", "second draft", "version", 1));
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        JsonNode view = edited.json();
        assertThat(view.get("content").asString()).isEqualTo("second draft");
        assertThat(view.get("version").asLong()).isEqualTo(2);
        assertThat(view.get("isEdited").asBoolean()).isTrue();
        assertThat(view.get("editedAt").isNull()).isFalse();
        assertThat(view.get("updatedAt").asString())
                .isEqualTo(view.get("editedAt").asString());

        JsonNode stale = assertProblem(
                api(alice).patch("/api/messages/" + message, body("content", "lost update", "version", 1)), 409);
        assertThat(stale.get("current").get("content").asString()).isEqualTo("second draft");
        assertThat(stale.get("current").get("version").asLong()).isEqualTo(2);
        assertThat(api(bob).get("/api/messages/" + message)
                        .json()
                        .get("content")
                        .asString())
                .isEqualTo("second draft");

        JsonNode forbidden = assertProblem(
                api(bob).patch("/api/messages/" + message, body("content", "bob was here", "version", 2)), 403);
        assertThat(forbidden.get("detail").asString()).contains("edit");
        assertProblem(
                api(owner).patch("/api/messages/" + message, body("content", "owner neither", "version", 2)), 403);
        assertFieldErrors(api(alice).patch("/api/messages/" + message, body("content", "no version")), "version");
        assertFieldErrors(api(alice).patch("/api/messages/" + message, body("content", " ", "version", 2)), "content");
        assertFieldErrors(
                api(alice).patch("/api/messages/" + message, body("content", "x".repeat(4001), "version", 2)),
                "content");
        assertProblem(
                api(alice).patch("/api/messages/" + message, body("content", "x", "version", 2, "isPinned", true)),
                400);
        assertThat(api(bob).get("/api/messages/" + message)
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(2);

        assertThat(api(alice).delete("/api/messages/" + message).status()).isEqualTo(204);
        JsonNode gone = assertProblem(
                api(alice).patch("/api/messages/" + message, body("content", "resurrect", "version", 3)), 409);
        assertThat(gone.get("current").get("isDeleted").asBoolean()).isTrue();
        assertThat(gone.get("current").get("content").isNull()).isTrue();
    }

    @Test
    void deletionIsSoftAndOnlyForTheAuthorOrModerators() {
        Channel channel = channelWithAll("deletion");
        UUID moderator = newUser();
        feed.member(workspace, moderator, WorkspaceRole.MODERATOR);
        UUID channelAdmin = newUser();
        feed.member(workspace, channelAdmin, WorkspaceRole.MEMBER);
        feed.join(channel, channelAdmin, ChannelRole.ADMIN);

        UUID byAlice = id(post(alice, channel.id(), "alice's"));
        assertProblem(api(bob).delete("/api/messages/" + byAlice), 403);
        assertThat(api(bob).get("/api/messages/" + byAlice)
                        .json()
                        .get("content")
                        .asString())
                .isEqualTo("alice's");
        assertThat(api(alice).delete("/api/messages/" + byAlice).status()).isEqualTo(204);
        JsonNode tombstone = api(bob).get("/api/messages/" + byAlice).json();
        assertThat(tombstone.get("isDeleted").asBoolean()).isTrue();
        assertThat(tombstone.get("deletedAt").isNull()).isFalse();
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("version").asLong()).isEqualTo(2);
        assertThat(tombstone.get("seq").asLong()).isPositive();

        UUID byBob = id(post(bob, channel.id(), "bob's"));
        assertThat(api(moderator).delete("/api/messages/" + byBob).status())
                .as("a workspace MODERATOR, not even a member of this public channel")
                .isEqualTo(204);
        UUID byBob2 = id(post(bob, channel.id(), "bob's second"));
        assertThat(api(channelAdmin).delete("/api/messages/" + byBob2).status())
                .as("a channel ADMIN")
                .isEqualTo(204);
        assertProblem(api(alice).delete("/api/messages/" + UUID.randomUUID()), 404);
    }

    @Test
    void pinsAreForModeratorsAndListMostRecentFirst() {
        Channel channel = channelWithAll("pins");
        UUID m1 = id(post(alice, channel.id(), "pin me first"));
        UUID m2 = id(post(alice, channel.id(), "pin me second"));
        UUID m3 = id(post(alice, channel.id(), "never pinned"));
        assertProblem(api(alice).post("/api/messages/" + m1 + "/pin", null), 403);
        ApiClient.Response pinned = api(owner).post("/api/messages/" + m1 + "/pin", null);
        assertThat(pinned.status()).isEqualTo(200);
        assertThat(pinned.json().get("isPinned").asBoolean()).isTrue();
        assertThat(pinned.json().get("pinnedAt").isNull()).isFalse();
        assertThat(pinned.json().get("version").asLong())
                .as("pins are not edits")
                .isEqualTo(1);
        String pinnedAt = pinned.json().get("pinnedAt").asString();
        assertThat(api(owner)
                        .post("/api/messages/" + m1 + "/pin", null)
                        .json()
                        .get("pinnedAt")
                        .asString())
                .as("pinning again changes nothing")
                .isEqualTo(pinnedAt);
        assertThat(api(owner).post("/api/messages/" + m2 + "/pin", null).status())
                .isEqualTo(200);

        JsonNode pins =
                api(bob).get("/api/channels/" + channel.id() + "/pins?limit=1").json();
        assertThat(contents(pins)).containsExactly("pin me second");
        JsonNode more = api(bob).get("/api/channels/" + channel.id() + "/pins?limit=1&cursor="
                        + pins.get("nextCursor").asString())
                .json();
        assertThat(contents(more)).containsExactly("pin me first");

        assertProblem(api(bob).delete("/api/messages/" + m2 + "/pin"), 403);
        JsonNode unpinned = api(owner).delete("/api/messages/" + m2 + "/pin").json();
        assertThat(unpinned.get("isPinned").asBoolean()).isFalse();
        assertThat(unpinned.get("pinnedAt").isNull()).isTrue();
        assertThat(api(alice).delete("/api/messages/" + m1).status()).isEqualTo(204);
        assertThat(contents(
                        api(bob).get("/api/channels/" + channel.id() + "/pins").json()))
                .as("a deleted message is no longer pinned")
                .isEmpty();
        assertProblem(api(owner).post("/api/messages/" + m1 + "/pin", null), 409);
        assertThat(api(owner).post("/api/messages/" + m3 + "/pin", null).status())
                .isEqualTo(200);
        assertFieldErrors(api(bob).get("/api/channels/" + channel.id() + "/pins?cursor=eA"), "cursor");
    }

    @Test
    void archivedChannelsAreReadOnly() {
        Channel channel = channelWithAll("archive");
        UUID message = id(post(alice, channel.id(), "before archiving"));
        Channel archived = feed.archive(channel, true);
        assertProblem(api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "after")), 409);
        assertProblem(
                api(alice)
                        .post(
                                "/api/channels/" + channel.id() + "/messages",
                                body("content", "reply", "parentId", message)),
                409);
        assertProblem(api(alice).patch("/api/messages/" + message, body("content", "edited", "version", 1)), 409);
        assertProblem(api(alice).delete("/api/messages/" + message), 409);
        assertProblem(api(owner).post("/api/messages/" + message + "/pin", null), 409);
        assertProblem(api(bob).put("/api/messages/" + message + "/reactions/%F0%9F%91%8D", null), 409);
        assertThat(api(bob).get("/api/channels/" + channel.id() + "/messages").status())
                .as("still readable")
                .isEqualTo(200);
        feed.archive(archived, false);
        assertThat(api(alice)
                        .post("/api/channels/" + channel.id() + "/messages", body("content", "after"))
                        .status())
                .isEqualTo(201);
        assertThat(contents(api(bob).get("/api/channels/" + channel.id() + "/messages?limit=3")
                        .json()))
                .containsExactly("after", "The channel was unarchived", "The channel was archived");
    }

    private int timelineSize(Channel channel) {
        return api(alice)
                .get("/api/channels/" + channel.id() + "/messages")
                .json()
                .get("items")
                .size();
    }
}
