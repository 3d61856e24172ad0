package dev.connectnow.message;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.Topics;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.message.support.StatementLog;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Every row of the Messages table of api.md and the rules of posting, threads, edits, deletion and pins; then
 * reactions, mentions, text edge cases, the events each change publishes, concurrency (R8, gap-free seqs), the
 * query count of a page (no N+1) and the query plans of every list (indexes, proven with EXPLAIN). One class
 * on purpose: the test kit starts an application context per class, and these tests share their fixture.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(StatementLog.class)
class MessageApiTest extends MessageTestBase {

    @Autowired
    private StatementLog statementLog;

    @Autowired
    private MeterRegistry meters;

    private EventFeed feed;
    private UUID owner;
    private UUID alice;
    private UUID bob;
    private UUID workspace;
    private EventCollector events;

    @BeforeAll
    void workspace() {
        feed = feed();
        owner = newUser();
        alice = newUser();
        bob = newUser();
        workspace = feed.workspace(owner);
        feed.member(workspace, alice, WorkspaceRole.MEMBER);
        feed.member(workspace, bob, WorkspaceRole.MEMBER);
        events = new EventCollector(Topics.MESSAGE);
    }

    @AfterAll
    void closeCollector() {
        events.close();
    }

    private Channel channelWithAll(String name) {
        Channel channel = feed.channel(workspace, owner, name, false);
        feed.join(channel, alice, ChannelRole.MEMBER);
        feed.join(channel, bob, ChannelRole.MEMBER);
        return channel;
    }

    private static String path(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
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
        assertFieldErrors(api(alice).patch("/api/messages/" + message, body("content", null, "version", 2)), "content");
        for (Map<String, Object> nothingNew :
                List.of(body("version", 2), body("content", "second draft", "version", 2))) {
            ApiClient.Response unchanged = api(alice).patch("/api/messages/" + message, nothingNew);
            assertThat(unchanged.status()).as("%s", unchanged).isEqualTo(200);
            assertThat(unchanged.json().get("version").asLong())
                    .as("a PATCH that changes nothing is no edit")
                    .isEqualTo(2);
        }
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

    @Test
    void reactionsAreIdempotentAndAggregatedWithMe() {
        Channel channel = channelWithAll("reactions");
        UUID message = id(post(alice, channel.id(), "react to me"));
        String thumbs = path("👍");
        ApiClient.Response added = api(bob).put("/api/messages/" + message + "/reactions/" + thumbs, null);
        assertThat(added.status()).as("%s", added).isEqualTo(200);
        assertThat(added.json().get("count").asLong()).isEqualTo(1);
        assertThat(api(bob).put("/api/messages/" + message + "/reactions/" + thumbs, null)
                        .json()
                        .get("count")
                        .asLong())
                .as("adding twice counts once")
                .isEqualTo(1);
        api(alice).put("/api/messages/" + message + "/reactions/" + thumbs, null);
        api(alice).put("/api/messages/" + message + "/reactions/:Tada:", null);
        String family = path("👨‍👩‍👧‍👦");
        assertThat(api(owner)
                        .put("/api/messages/" + message + "/reactions/" + family, null)
                        .status())
                .isEqualTo(200);

        JsonNode asBob = api(bob).get("/api/messages/" + message).json().get("reactions");
        assertThat(asBob).hasSize(3);
        assertThat(asBob.get(0).get("emoji").asString()).isEqualTo("👍");
        assertThat(asBob.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(asBob.get(0).get("me").asBoolean()).isTrue();
        assertThat(asBob.get(1).get("emoji").asString())
                .as("shortcodes are stored lower-case")
                .isEqualTo(":tada:");
        assertThat(asBob.get(1).get("me").asBoolean()).isFalse();
        assertThat(asBob.get(2).get("emoji").asString())
                .as("ZWJ sequence byte-exact")
                .isEqualTo("👨‍👩‍👧‍👦");

        assertThat(api(bob).delete("/api/messages/" + message + "/reactions/" + thumbs)
                        .status())
                .isEqualTo(204);
        assertThat(api(bob).delete("/api/messages/" + message + "/reactions/" + thumbs)
                        .status())
                .isEqualTo(204);
        JsonNode after = api(bob).get("/api/messages/" + message).json().get("reactions");
        assertThat(after.get(0).get("count").asLong()).isEqualTo(1);
        assertThat(after.get(0).get("me").asBoolean()).isFalse();

        for (String bad :
                List.of("a", "ab", ":has%20space:", "👍👍", "::", ":" + "x".repeat(51) + ":", "%E2%80%AE", "1")) {
            assertFieldErrors(api(bob).put("/api/messages/" + message + "/reactions/" + bad, null), "emoji");
        }
        assertThat(api(bob).put("/api/messages/" + message + "/reactions/" + path("1️⃣"), null)
                        .status())
                .isEqualTo(200);
        assertThat(api(bob).put("/api/messages/" + message + "/reactions/" + path("🇫🇷"), null)
                        .status())
                .isEqualTo(200);
        assertThat(api(bob).put("/api/messages/" + message + "/reactions/" + path("👍🏽"), null)
                        .status())
                .isEqualTo(200);

        UUID outsider = newUser();
        feed.member(workspace, outsider, WorkspaceRole.MEMBER);
        assertProblem(api(outsider).put("/api/messages/" + message + "/reactions/" + thumbs, null), 403);
        assertThat(api(alice).delete("/api/messages/" + message).status()).isEqualTo(204);
        assertProblem(api(bob).put("/api/messages/" + message + "/reactions/" + thumbs, null), 409);
        assertThat(api(bob).get("/api/messages/" + message)
                        .json()
                        .get("reactions")
                        .isEmpty())
                .as("a deleted message shows no reactions")
                .isTrue();
    }

    @Test
    void aPageOfMessagesCostsOneReactionQueryAndOneAttachmentQuery() {
        Channel channel = channelWithAll("no-n-plus-one");
        int pageSize = 12; // N+1 would show as 12 statements per kind; one is the rule
        for (int i = 0; i < pageSize; i++) {
            UUID message = id(post(i % 2 == 0 ? alice : bob, channel.id(), "m" + i));
            api(owner).put("/api/messages/" + message + "/reactions/" + path("🔥"), null);
            api(alice).put("/api/messages/" + message + "/reactions/:ok:", null);
        }
        List<String> statements = statementLog.during(
                () -> assertThat(api(bob).get("/api/channels/" + channel.id() + "/messages?limit=" + pageSize)
                                .json()
                                .get("items"))
                        .hasSize(pageSize)
                        .allSatisfy(item -> assertThat(item.get("reactions")).hasSize(2)));
        assertThat(statements.stream().filter(sql -> sql.contains("from message_reactions")))
                .hasSize(1);
        assertThat(statements.stream().filter(sql -> sql.contains("from attachments")))
                .hasSize(1);
        assertThat(statements.stream().filter(sql -> sql.contains("from messages")))
                .hasSize(1);
    }

    @Test
    void mentionsResolveUsernamesOfReadersAndContentIsStoredRaw() {
        Channel channel = channelWithAll("mentions");
        feed.registered(alice, "alice.liddell");
        feed.registered(bob, "bob");
        UUID stranger = newUser();
        feed.registered(stranger, "stranger");
        String content =
                "hi @Alice.Liddell, @bob. and @stranger and mail@bob.example and @nobody <img src=x onerror=alert(1)>";
        JsonNode message = post(owner, channel.id(), content);
        assertThat(message.get("content").asString()).isEqualTo(content);
        Received created = events.await(
                        r -> r.is("message.created", message.get("id").asString()), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(created.data()
                        .get("mentionedUserIds")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .as("stranger is not in the workspace; the e-mail address is no mention")
                .containsExactly(alice.toString(), bob.toString());

        feed.renamed(bob, "robert");
        JsonNode edited = api(owner)
                .patch("/api/messages/" + id(message), body("content", "@bob is now @robert", "version", 1))
                .json();
        Received updated = events.await(
                        r -> r.is("message.updated", edited.get("id").asString()), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(updated.data()
                        .get("mentionedUserIds")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .containsExactly(bob.toString());

        Channel secret = feed.channel(workspace, owner, "secret", true);
        JsonNode inSecret = post(owner, secret.id(), "@alice.liddell are you there?");
        Received secretCreated = events.await(
                        r -> r.is("message.created", inSecret.get("id").asString()), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(secretCreated.data().get("mentionedUserIds").isEmpty())
                .as("no notification leaks a private channel to a non-member")
                .isTrue();
    }

    @Test
    void textRoundTripsByteExactAndLengthsCountCodePoints() {
        Channel channel = channelWithAll("text");
        for (String text : List.of(
                "👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag",
                "\u202Eevil RTL override\u202C and \u200F marks",
                "' OR 1=1-- % _ \\ \"quotes\"",
                "<script>alert('x')</script>",
                "line\nbreaks\tand tabs",
                "😀".repeat(4000))) {
            JsonNode posted = post(alice, channel.id(), text);
            assertThat(posted.get("content").asString()).isEqualTo(text);
            assertThat(api(bob).get("/api/messages/" + id(posted))
                            .json()
                            .get("content")
                            .asString())
                    .isEqualTo(text);
        }
        assertFieldErrors(
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "😀".repeat(4001))),
                "content");
        JsonNode nul = assertProblem(
                api(alice).post("/api/channels/" + channel.id() + "/messages", "{\"content\":\"a\\u0000b\"}"), 400);
        assertThat(nul.get("detail").asString()).contains("NUL");
        assertProblem(api(alice).post("/api/channels/" + channel.id() + "/messages", "{\"content\":"), 400);
        ApiClient.Response huge =
                api(alice).post("/api/channels/" + channel.id() + "/messages", body("content", "x".repeat(300_000)));
        assertProblem(huge, 413);
        ApiClient.Response response = api(alice).get("/api/channels/" + channel.id() + "/messages");
        assertThat(response.body())
                .doesNotContain("password")
                .doesNotContain("email")
                .doesNotContain("socket");
        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void everyChangePublishesOneEventKeyedByChannelWithTheSeq() {
        Channel channel = channelWithAll("events");
        JsonNode root = post(alice, channel.id(), "root");
        JsonNode reply = post(bob, channel.id(), body("content", "reply", "parentId", id(root)));
        String messageId = root.get("id").asString();
        api(alice).patch("/api/messages/" + messageId, body("content", "root, edited", "version", 1));
        api(owner).post("/api/messages/" + messageId + "/pin", null);
        api(bob).put("/api/messages/" + messageId + "/reactions/" + path("🎉"), null);
        api(bob).put("/api/messages/" + messageId + "/reactions/" + path("🎉"), null); // no change, no event
        api(bob).delete("/api/messages/" + messageId + "/reactions/" + path("🎉"));
        api(owner).delete("/api/messages/" + messageId + "/pin");
        api(alice).delete("/api/messages/" + messageId);

        // one key, one partition: once the last change's event is here, every earlier one (and any extra) is too
        events.await(r -> r.is("message.deleted", messageId), 1, Duration.ofSeconds(30));
        List<Received> all = events.drain(r -> r.subject().equals(messageId), Duration.ZERO);
        assertThat(all)
                .extracting(Received::type)
                .containsExactly(
                        "message.created",
                        "message.updated",
                        "message.pinned",
                        "reaction.added",
                        "reaction.removed",
                        "message.unpinned",
                        "message.deleted");
        long seq = root.get("seq").asLong();
        assertThat(all).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(channel.id().toString());
            assertThat(r.envelope().get("sequence").asLong()).isEqualTo(seq);
            assertThat(r.envelope().get("source").asString()).isEqualTo("/message-service");
        });
        JsonNode created = all.get(0).data();
        assertThat(created.get("workspaceId").asString()).isEqualTo(workspace.toString());
        assertThat(created.get("content").asString()).isEqualTo("root");
        assertThat(created.has("mentionedUserIds")).isTrue();
        assertThat(all.get(1).data().get("version").asLong()).isEqualTo(2);
        assertThat(all.get(2).data().get("replyCount").asInt()).isEqualTo(1);
        assertThat(all.get(3).data().get("count").asLong()).isEqualTo(1);
        assertThat(all.get(3).data().get("userId").asString()).isEqualTo(bob.toString());
        assertThat(all.get(4).data().get("count").asLong()).isZero();
        JsonNode deleted = all.get(6).data();
        assertThat(deleted.get("content").isNull()).isTrue();
        assertThat(deleted.get("isDeleted").asBoolean()).isTrue();
        assertThat(deleted.get("attachments").isEmpty()).isTrue();

        Received replyCreated = events.await(
                        r -> r.is("message.created", reply.get("id").asString()), 1, Duration.ofSeconds(30))
                .get(0);
        assertThat(replyCreated.data().get("parentId").asString()).isEqualTo(messageId);
        assertThat(replyCreated.envelope().get("sequence").asLong())
                .isEqualTo(reply.get("seq").asLong());
    }

    @Test
    void fiftyConcurrentPostsGetSeqsWithoutGapOrDuplicate() throws Exception {
        Channel channel = feed.channel(workspace, owner, "concurrent", false);
        UUID poster = newPosterIn(channel); // a fresh bucket: 50 posts at once stay within the burst
        long before = lastSeq(channel);
        List<Callable<Integer>> posts = IntStream.range(0, 50)
                .<Callable<Integer>>mapToObj(i -> () -> api(poster)
                        .post("/api/channels/" + channel.id() + "/messages", body("content", "concurrent " + i))
                        .status())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(posts)) {
                statuses.add(result.get());
            }
            assertThat(statuses).containsOnly(201);
        } finally {
            pool.shutdown();
        }
        List<Long> seqs = jdbc.queryForList(
                "select seq from messages where channel_id = ? and content like 'concurrent %' order by seq",
                Long.class, channel.id());
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(before + 1, before + 50).boxed().toList());
    }

    @Test
    void postsQueuedBehindAStalledWriterOfTheirChannelLeaveTheConnectionPoolToOtherChannels() throws Exception {
        Channel stalled = feed.channel(workspace, owner, "stalled writer", false);
        Channel other = feed.channel(workspace, owner, "other channel", false);
        UUID poster = newPosterIn(stalled, other);
        long before = lastSeq(stalled);
        int queued = 12; // more than the pool's connections
        ExecutorService pool = Executors.newFixedThreadPool(queued);
        // a writer of the channel that does not finish: its counter row stays locked; and a session that watches
        // the waits (both from the service's own pool, which keeps 8 connections for the posts)
        try (Connection writer = jdbc.getDataSource().getConnection();
                Connection watcher = jdbc.getDataSource().getConnection()) {
            holdCounterRow(writer, stalled.id());
            List<Future<Integer>> posts = IntStream.range(0, queued)
                    .mapToObj(i -> pool.submit(() -> api(poster)
                            .post("/api/channels/" + stalled.id() + "/messages", body("content", "queued " + i))
                            .status()))
                    .toList();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lockWaits(watcher) >= 1);
            Thread.sleep(300); // the rest reach their wait

            ApiClient.Response elsewhere =
                    api(poster).post("/api/channels/" + other.id() + "/messages", body("content", "elsewhere"));
            assertThat(elsewhere.status())
                    .as("another channel's post while %d wait behind the stalled one: %s", queued, elsewhere)
                    .isEqualTo(201);
            assertThat(lockWaits(watcher))
                    .as("posts of the stalled channel waiting in the database, each holding a connection")
                    .isEqualTo(1);
            writer.rollback();

            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> post : posts) {
                statuses.add(post.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(201);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForList(
                        "select seq from messages where channel_id = ? and content like 'queued %' order by seq",
                        Long.class, stalled.id()))
                .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + queued)
                        .boxed()
                        .toList());
    }

    @Test
    void aPostWhoseCallerGaveUpBeforeItsTurnCameIsNotStored() throws Exception {
        Channel stalled = feed.channel(workspace, owner, "caller gave up", false);
        UUID poster = newPosterIn(stalled);
        String path = "/api/channels/" + stalled.id() + "/messages";
        double shedBefore = meters.counter("connectnow.http.requests.expired").count();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection writer = jdbc.getDataSource().getConnection();
                Connection watcher = jdbc.getDataSource().getConnection()) {
            holdCounterRow(writer, stalled.id());
            // the channel's turn is taken: this post waits on the counter row the writer holds
            Future<ApiClient.Response> inTime = pool.submit(() -> api(poster).post(path, body("content", "in time")));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> lockWaits(watcher) >= 1);

            // the gateway's deadline (its time limit) passes while this one waits for the turn
            long deadline = System.currentTimeMillis() + 1_000;
            ApiClient.Response gaveUp = api(poster)
                    .withHeader("X-Request-Deadline", Long.toString(deadline))
                    .post(path, body("content", "given up while queued"));
            assertThat(System.currentTimeMillis())
                    .as("answered at its deadline")
                    .isGreaterThan(deadline - 50);
            assertThat(assertProblem(gaveUp, 503).get("detail").asString()).contains("deadline");
            assertThat(gaveUp.header("Retry-After")).hasValue("1");

            // one that reaches the service after its deadline is shed before any work
            ApiClient.Response late = api(poster)
                    .withHeader("X-Request-Deadline", Long.toString(System.currentTimeMillis() - 1))
                    .post(path, body("content", "arrived too late"));
            assertThat(assertProblem(late, 503).get("detail").asString()).contains("deadline");
            assertThat(meters.counter("connectnow.http.requests.expired").count())
                    .isEqualTo(shedBefore + 1);

            writer.rollback();
            assertThat(inTime.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
        } finally {
            pool.shutdown();
        }
        assertThat(jdbc.queryForList(
                        "select content from messages where channel_id = ? and type <> 'SYSTEM' order by seq",
                        String.class,
                        stalled.id()))
                .containsExactly("in time");
    }

    /** A fresh user (with a rate bucket of its own), member of the workspace and of {@code channels}. */
    private UUID newPosterIn(Channel... channels) {
        UUID poster = newUser();
        feed.member(workspace, poster, WorkspaceRole.MEMBER);
        for (Channel channel : channels) {
            feed.join(channel, poster, ChannelRole.MEMBER);
        }
        return poster;
    }

    private long lastSeq(Channel channel) {
        return jdbc.queryForObject("select last_seq from channels where id = ?", Long.class, channel.id());
    }

    /** A writer of the channel that does not finish: the channel's counter row stays locked until rollback. */
    private static void holdCounterRow(Connection writer, UUID channelId) throws SQLException {
        writer.setAutoCommit(false);
        try (PreparedStatement lock = writer.prepareStatement("select 1 from channels where id = ? for update")) {
            lock.setObject(1, channelId);
            lock.executeQuery().close();
        }
    }

    private static int lockWaits(Connection watcher) throws SQLException {
        try (ResultSet waits = watcher.createStatement()
                .executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock'")) {
            waits.next();
            return waits.getInt(1);
        }
    }

    @Test
    void aRepeatedPostAnswersTheMessageTheFirstCreatedAndIsPublishedOnce() {
        Channel channel = channelWithAll("repeats");
        String path = "/api/channels/" + channel.id() + "/messages";
        UUID clientMessageId = UUID.randomUUID();
        Map<String, Object> post = body("content", "sent once, answered twice", "clientMessageId", clientMessageId);

        ApiClient.Response first = api(alice).post(path, post);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        ApiClient.Response again = api(alice).post(path, post);
        assertThat(again.status()).as("a repeat finds the message: %s", again).isEqualTo(200);
        String id = first.json().get("id").asString();
        assertThat(again.json().get("id").asString()).isEqualTo(id);
        assertThat(again.json().get("seq").asLong())
                .isEqualTo(first.json().get("seq").asLong());
        assertThat(again.header("Location")).contains("/api/messages/" + id);
        assertThat(jdbc.queryForObject(
                        "select count(*) from messages where channel_id = ? and content = ?",
                        Integer.class,
                        channel.id(),
                        "sent once, answered twice"))
                .isEqualTo(1);
        events.await(r -> r.is("message.created", id), 1, Duration.ofSeconds(30));
        assertThat(events.drain(r -> r.is("message.created", id), Duration.ofSeconds(2)))
                .as("one message.created")
                .hasSize(1);

        // the id is the author's own: another member may happen to send the same one
        assertThat(api(bob).post(path, body("content", "bob's", "clientMessageId", clientMessageId))
                        .status())
                .isEqualTo(201);
        // the same id for a post to another channel is the client's mistake, and nothing is posted
        Channel elsewhere = channelWithAll("repeats elsewhere");
        assertFieldErrors(
                api(alice)
                        .post(
                                "/api/channels/" + elsewhere.id() + "/messages",
                                body("content", "elsewhere", "clientMessageId", clientMessageId)),
                "clientMessageId");
        assertThat(api(alice)
                        .post(path, body("content", "x", "clientMessageId", "not-a-uuid"))
                        .status())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject(
                        "select count(*) from messages where channel_id = ? and user_id = ? and type <> 'SYSTEM'",
                        Integer.class,
                        elsewhere.id(),
                        alice))
                .as("nothing was posted there (her joining left a SYSTEM message)")
                .isZero();
    }

    @Test
    void repeatsOfOnePostSentAtOnceCreateOneMessageAndNoSeqGap() throws Exception {
        Channel channel = feed.channel(workspace, owner, "repeats at once", false);
        UUID poster = newPosterIn(channel);
        long before = lastSeq(channel);
        Map<String, Object> post = body("content", "retried by an eager client", "clientMessageId", UUID.randomUUID());
        List<Callable<Integer>> repeats = IntStream.range(0, 8)
                .<Callable<Integer>>mapToObj(i -> () -> api(poster)
                        .post("/api/channels/" + channel.id() + "/messages", post)
                        .status())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> result : pool.invokeAll(repeats)) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdown();
        }
        // one creates it; the others find it (200) or met it while it was being written (409: repeat again)
        assertThat(statuses).isSubsetOf(201, 200, 409).containsOnlyOnce(201);
        assertThat(jdbc.queryForList(
                        "select seq from messages where channel_id = ? and user_id = ? and type <> 'SYSTEM'",
                        Long.class,
                        channel.id(),
                        poster))
                .containsExactly(before + 1);
        assertThat(lastSeq(channel)).isEqualTo(before + 1);
    }

    @Test
    void twoEditsAtOneVersionGiveOneSuccessOneConflictAndOneEvent() throws Exception {
        Channel channel = channelWithAll("race");
        for (int round = 0; round < 3; round++) {
            UUID message = id(post(alice, channel.id(), "race " + round));
            List<Callable<ApiClient.Response>> edits = List.of(
                    () -> api(alice).patch("/api/messages/" + message, body("content", "edit A", "version", 1)),
                    () -> api(alice).patch("/api/messages/" + message, body("content", "edit B", "version", 1)));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<ApiClient.Response> responses = new ArrayList<>();
            try {
                for (Future<ApiClient.Response> response : pool.invokeAll(edits)) {
                    responses.add(response.get());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(responses).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(200, 409);
            ApiClient.Response winner = responses.stream()
                    .filter(r -> r.status() == 200)
                    .findFirst()
                    .orElseThrow();
            ApiClient.Response loser = responses.stream()
                    .filter(r -> r.status() == 409)
                    .findFirst()
                    .orElseThrow();
            String winning = winner.json().get("content").asString();
            assertThat(loser.json().get("current").get("content").asString()).isEqualTo(winning);
            assertThat(api(bob).get("/api/messages/" + message)
                            .json()
                            .get("content")
                            .asString())
                    .isEqualTo(winning);
            // the deletion's event comes after any update of the message (one key, one partition)
            assertThat(api(alice).delete("/api/messages/" + message).status()).isEqualTo(204);
            events.await(r -> r.is("message.deleted", message), 1, Duration.ofSeconds(30));
            List<Received> updates = events.drain(r -> r.is("message.updated", message), Duration.ZERO);
            assertThat(updates).hasSize(1);
            assertThat(updates.get(0).data().get("content").asString()).isEqualTo(winning);
        }
    }

    @Test
    void everyListQueryUsesItsIndex() {
        Channel channel = channelWithAll("explain");
        UUID root = id(post(alice, channel.id(), "root"));
        // enough rows that a sequential scan would win if no index served the query
        jdbc.update("""
                insert into messages (id, channel_id, user_id, content, type, parent_id, seq, is_pinned, pinned_at,
                                      created_at, updated_at)
                select gen_random_uuid(), ?, ?, 'filler', 'TEXT', case when g % 3 = 0 then ? end, 1000 + g,
                       g % 50 = 0, case when g % 50 = 0 then now() end, now(), now()
                from generate_series(1, 20000) g""", channel.id(), alice, root);
        jdbc.update("""
                insert into attachments (id, uploader_id, file_name, file_url, file_size, mime_type, storage_key,
                                         message_id, position, created_at)
                select gen_random_uuid(), ?, 'f', 'u', 1, 'text/plain', 'k', m.id, 0, now()
                from messages m where m.channel_id = ? and m.content = 'filler'""", alice, channel.id());
        jdbc.update("""
                insert into message_reactions (message_id, emoji, user_id, created_at)
                select m.id, ':ok:', ?, now() from messages m where m.channel_id = ? and m.content = 'filler'""", bob, channel.id());
        jdbc.execute("analyze messages");
        jdbc.execute("analyze attachments");
        jdbc.execute("analyze message_reactions");

        assertThat(plan("select * from messages where channel_id = '" + channel.id()
                        + "' and parent_id is null and seq < 9223372036854775807 order by seq desc limit 51"))
                .contains("messages_timeline_idx")
                .doesNotContain("Seq Scan");
        assertThat(plan("select * from messages where parent_id = '" + root + "' and seq > 0 order by seq limit 51"))
                .contains("messages_replies_idx")
                .doesNotContain("Seq Scan");
        assertThat(plan("select * from messages where channel_id = '" + channel.id()
                        + "' and is_pinned and (pinned_at, id) < ('9999-12-31', 'ffffffff-ffff-ffff-ffff-ffffffffffff') "
                        + "order by pinned_at desc, id desc limit 51"))
                .contains("messages_pins_idx")
                .doesNotContain("Seq Scan");
        assertThat(plan("select * from attachments where message_id = any(array['" + root
                        + "'::uuid]) and deleted_at is null order by message_id, position"))
                .contains("attachments_message_idx")
                .doesNotContain("Seq Scan");
        assertThat(plan("select message_id, emoji, count(*) from message_reactions where message_id = any(array['"
                        + root + "'::uuid]) group by message_id, emoji"))
                .contains("message_reactions_pkey")
                .doesNotContain("Seq Scan");
        // and the API answers from those indexes
        assertThat(api(bob).get("/api/channels/" + channel.id() + "/messages?limit=5")
                        .json()
                        .get("items"))
                .hasSize(5);
    }

    private int timelineSize(Channel channel) {
        return api(alice)
                .get("/api/channels/" + channel.id() + "/messages")
                .json()
                .get("items")
                .size();
    }

    private String plan(String sql) {
        return String.join("\n", jdbc.queryForList("explain " + sql, String.class));
    }
}
