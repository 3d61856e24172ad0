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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Reactions, mentions, text edge cases, the events each change publishes, concurrency (R8, gap-free seqs), the
 * query count of a page (no N+1) and the query plans of every list (indexes, proven with EXPLAIN).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
        properties = {"connectnow.message.post-rate-per-second=10000", "connectnow.message.post-burst=10000"})
class MessageBehaviourTest extends MessageTestBase {

    @TestConfiguration
    static class CountingStatements {
        @Bean
        static StatementLog statementLog() {
            return new StatementLog();
        }
    }

    @Autowired
    private StatementLog statementLog;

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
        for (int i = 0; i < 30; i++) {
            UUID message = id(post(i % 2 == 0 ? alice : bob, channel.id(), "m" + i));
            api(owner).put("/api/messages/" + message + "/reactions/" + path("🔥"), null);
            api(alice).put("/api/messages/" + message + "/reactions/:ok:", null);
        }
        List<String> statements = statementLog.during(
                () -> assertThat(api(bob).get("/api/channels/" + channel.id() + "/messages?limit=30")
                                .json()
                                .get("items"))
                        .hasSize(30)
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

        List<Received> about = events.await(r -> r.subject().equals(messageId), 7, Duration.ofSeconds(30));
        List<Received> all = events.drain(r -> r.subject().equals(messageId), Duration.ofSeconds(1));
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
        long before = jdbc.queryForObject("select last_seq from channels where id = ?", Long.class, channel.id());
        List<Callable<Integer>> posts = IntStream.range(0, 50)
                .<Callable<Integer>>mapToObj(i -> () -> api(owner)
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
            List<Received> updates = events.drain(r -> r.is("message.updated", message), Duration.ofSeconds(2));
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
                from generate_series(1, 60000) g""", channel.id(), alice, root);
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

    private String plan(String sql) {
        return String.join("\n", jdbc.queryForList("explain " + sql, String.class));
    }
}
