package dev.connectnow.channel;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.channel.readstate.MessageIndexJanitor;
import dev.connectnow.channel.readstate.ReadStateProperties;
import dev.connectnow.channel.support.IntegrationTestBase;
import dev.connectnow.channel.support.Upstream;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.MutableClock;
import dev.connectnow.testkit.StatementCounter;
import dev.connectnow.testkit.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Read state from message events: unread counts, mark-read that never moves backwards, idempotent and
 * order-tolerant consumption of connectnow.message; and the channel events an API session publishes. The
 * service's clock stands still here, so read times and the index retention are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Import(MutableClock.Config.class)
class ReadStateTest extends IntegrationTestBase {

    @Autowired
    private MessageIndexJanitor janitor;

    @Autowired
    private ReadStateProperties properties;

    @Autowired
    private MutableClock clock;

    private Upstream upstream;
    private UUID author;
    private UUID reader;
    private UUID workspace;

    @BeforeAll
    void workspace() {
        upstream = upstream();
        author = newUser();
        reader = newUser();
        workspace = upstream.createWorkspace(author);
        upstream.addMember(workspace, reader, WorkspaceRole.MEMBER);
    }

    private UUID channelWithBoth(String name) {
        UUID channel = createChannel(author, workspace, name, false);
        assertThat(api(reader).post("/api/channels/" + channel + "/join", null).status())
                .isEqualTo(200);
        return channel;
    }

    private long unreadInList(UUID user, UUID channel) {
        return item(
                        api(user)
                                .get("/api/workspaces/" + workspace + "/channels?limit=200")
                                .json(),
                        channel)
                .get("unreadCount")
                .asLong();
    }

    private JsonNode unreadSummary(UUID user, UUID channel) {
        JsonNode summary = api(user)
                .get("/api/workspaces/" + workspace + "/unread?limit=200")
                .json();
        return item(summary, channel);
    }

    private JsonNode membership(UUID user, UUID channel) {
        return item(api(user).get("/api/channels/" + channel + "/members").json(), user);
    }

    private void markRead(UUID user, UUID channel, UUID message) {
        assertThat(api(user)
                        .put("/api/channels/" + channel + "/read", Map.of("messageId", message))
                        .status())
                .isEqualTo(204);
    }

    @Test
    void unreadCountsFollowMessagesAndMarkReadNeverMovesBackwards() {
        UUID channel = channelWithBoth("reading");
        UUID m1 = upstream.postMessage(channel, 1, author);
        UUID m2 = upstream.postMessage(channel, 2, author);
        UUID m3 = upstream.postMessage(channel, 3, author);

        assertThat(unreadInList(reader, channel)).isEqualTo(3);
        assertThat(unreadSummary(reader, channel).get("unreadCount").asLong()).isEqualTo(3);
        assertThat(unreadInList(author, channel)).as("own messages are read").isZero();
        assertThat(api(reader).get("/api/channels/" + channel).text("lastMessageAt"))
                .isNotNull();

        Instant firstRead = clock.advance(Duration.ofMinutes(1));
        markRead(reader, channel, m2);
        assertThat(unreadInList(reader, channel)).isEqualTo(1);
        JsonNode state = membership(reader, channel);
        assertThat(state.get("lastReadMessageId").asString()).isEqualTo(m2.toString());
        assertThat(Instant.parse(state.get("lastReadAt").asString())).isEqualTo(firstRead);

        clock.advance(Duration.ofMinutes(1));
        markRead(reader, channel, m1); // older: nothing moves, not even the read time
        assertThat(unreadInList(reader, channel)).isEqualTo(1);
        assertThat(membership(reader, channel).get("lastReadMessageId").asString())
                .isEqualTo(m2.toString());
        assertThat(Instant.parse(membership(reader, channel).get("lastReadAt").asString()))
                .isEqualTo(firstRead);

        Instant lastRead = clock.advance(Duration.ofMinutes(1));
        markRead(reader, channel, m3);
        assertThat(Instant.parse(membership(reader, channel).get("lastReadAt").asString()))
                .isEqualTo(lastRead);
        assertThat(unreadInList(reader, channel)).isZero();
        assertThat(unreadSummary(reader, channel).get("unreadCount").asLong()).isZero();

        // a message of another channel, or one never seen, is not found
        UUID elsewhere = channelWithBoth("reading-elsewhere");
        UUID foreign = upstream.postMessage(elsewhere, 1, author);
        assertProblem(api(reader).put("/api/channels/" + channel + "/read", Map.of("messageId", foreign)), 404);
        assertProblem(api(reader).put("/api/channels/" + channel + "/read", Map.of("messageId", UuidV7.next())), 404);
        // a new member starts caught up
        UUID late = newUser();
        upstream.addMember(workspace, late, WorkspaceRole.MEMBER);
        assertThat(api(late).post("/api/channels/" + channel + "/join", null).status())
                .isEqualTo(200);
        assertThat(unreadInList(late, channel)).isZero();
        assertThat(unreadInList(late, elsewhere)).as("not a member: 0").isZero();
        assertThat(unreadSummary(late, elsewhere))
                .as("only my channels in the summary")
                .isNull();
    }

    @Test
    void duplicateAndReorderedMessageEventsCountOnce() {
        UUID channel = channelWithBoth("duplicates");
        UUID m1 = UuidV7.next();
        EventEnvelope<?> created = upstream.messageCreated(channel, m1, 1, author);
        TestEvents.send(created);
        TestEvents.send(created);
        TestEvents.send(upstream.messageCreated(channel, UuidV7.next(), 3, author));
        UUID m2 = UuidV7.next();
        TestEvents.send(upstream.messageCreated(channel, m2, 2, author)); // overtaken by seq 3
        TestEvents.send(upstream.messageCreated(channel, m2, 2, author)); // and redelivered with a new event id
        TestEvents.send(upstream.messageDeleted(channel, m1, 1));
        TestEvents.send(upstream.messageDeleted(channel, m1, 1)); // redelivered
        UUID barrier = upstream.postMessage(channel, 4, author); // same key: everything before it was consumed

        assertThat(jdbc.queryForObject("select last_message_seq from channels where id = ?", Long.class, channel))
                .isEqualTo(4);
        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_message_index where channel_id = ?", Integer.class, channel))
                .isEqualTo(4);
        assertThat(unreadInList(reader, channel))
                .as("the deleted message (seq 1) is not unread; its duplicate deletion counts once")
                .isEqualTo(3);
        markRead(reader, channel, m2);
        assertThat(unreadInList(reader, channel)).isEqualTo(2);
        markRead(reader, channel, m1); // deleted messages keep their seq and stay markable; never backwards
        assertThat(unreadInList(reader, channel)).isEqualTo(2);
        markRead(reader, channel, barrier);
        assertThat(unreadInList(reader, channel)).isZero();
    }

    @Test
    void aBurstOfPostsIsProjectedAFetchAtATimeInAFewStatementsNotThreePerMessage() {
        UUID channel = channelWithBoth("burst");
        try (StatementCounter indexInserts =
                        StatementCounter.on(jdbc.getDataSource(), "channel_message_index", "insert");
                StatementCounter readPositionUpdates =
                        StatementCounter.on(jdbc.getDataSource(), "channel_members", "update")) {
            List<EventEnvelope<?>> burst = new ArrayList<>();
            for (long seq = 1; seq <= 60; seq++) {
                burst.add(upstream.messageCreated(channel, UuidV7.next(), seq, author));
            }
            TestEvents.sendAll(burst);
            upstream.awaitChannelSeq(channel, 60);

            assertThat(jdbc.queryForObject(
                            "select count(*) from channel_message_index where channel_id = ?", Integer.class, channel))
                    .isEqualTo(60);
            int transactions = jdbc.queryForObject(
                    "select count(distinct xmin::text) from channel_message_index where channel_id = ?",
                    Integer.class,
                    channel);
            assertThat(transactions)
                    .as("transactions that indexed the 60 messages (one per message before batching)")
                    .isLessThanOrEqualTo(10);
            assertThat(indexInserts.count())
                    .as("index statements: one per transaction (%d), one per message before", transactions)
                    .isLessThanOrEqualTo(transactions);
            assertThat(readPositionUpdates.count())
                    .as("read-position statements: one per transaction (%d), one per message before", transactions)
                    .isLessThanOrEqualTo(10);
        }
        assertThat(unreadInList(reader, channel)).isEqualTo(60);
        assertThat(unreadInList(author, channel))
                .as("the author read their own")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select last_read_seq from channel_members where channel_id = ? and user_id = ?",
                        Long.class,
                        channel,
                        author))
                .as("the author's read position is their latest message")
                .isEqualTo(60);
    }

    @Test
    void aMessageDeletedBeforeItIsReadIsNotUnread() {
        UUID channel = channelWithBoth("deleted-unread");
        UUID m1 = upstream.postMessage(channel, 1, author);
        UUID m2 = upstream.postMessage(channel, 2, author);
        upstream.postMessage(channel, 3, author);
        markRead(reader, channel, m1);
        assertThat(unreadInList(reader, channel)).isEqualTo(2);
        TestEvents.send(upstream.messageDeleted(channel, m1, 1)); // already read: changes nothing
        TestEvents.send(upstream.messageDeleted(channel, m2, 2));
        UUID m4 = upstream.postMessage(channel, 4, author); // same key: the deletions were applied before it
        assertThat(unreadInList(reader, channel)).isEqualTo(2);
        assertThat(unreadSummary(reader, channel).get("unreadCount").asLong()).isEqualTo(2);
        assertThat(unreadInList(author, channel)).isZero();
        markRead(reader, channel, m4);
        assertThat(unreadInList(reader, channel)).isZero();
        // a member who joins later starts caught up, deletions before their position do not go negative
        UUID late = newUser();
        upstream.addMember(workspace, late, WorkspaceRole.MEMBER);
        assertThat(api(late).post("/api/channels/" + channel + "/join", null).status())
                .isEqualTo(200);
        assertThat(unreadInList(late, channel)).isZero();
    }

    @Test
    void threadRepliesDoNotMakeTheChannelUnreadNorMarkItRead() {
        UUID channel = channelWithBoth("threads");
        UUID root = upstream.postMessage(channel, 1, author);
        UUID firstReply = upstream.postReply(channel, 2, author, root);
        upstream.postReply(channel, 3, reader, root);
        UUID newest = upstream.postMessage(channel, 4, author);
        upstream.postReply(channel, 5, author, root);

        assertThat(unreadInList(reader, channel))
                .as("the timeline's two messages; the thread's replies are not the channel's unread")
                .isEqualTo(2);
        assertThat(unreadSummary(reader, channel).get("unreadCount").asLong()).isEqualTo(2);
        assertThat(membership(reader, channel).get("lastReadMessageId").isNull())
                .as("replying in a thread does not mark the channel read up to the reply")
                .isTrue();

        // what a client that reads the timeline can do: mark read at its newest message
        markRead(reader, channel, newest);
        assertThat(unreadInList(reader, channel)).isZero();

        TestEvents.send(upstream.messageDeleted(channel, firstReply, 2)); // a deleted reply is not subtracted twice
        upstream.postReply(channel, 6, author, root);
        UUID later = upstream.postMessage(channel, 7, author);
        assertThat(unreadInList(reader, channel)).isEqualTo(1);
        assertThat(unreadInList(author, channel)).isZero();
        assertThat(jdbc.queryForObject(
                        "select last_read_seq from channel_members where channel_id = ? and user_id = ?",
                        Long.class,
                        channel,
                        author))
                .as("the author's read position is their latest message of the timeline, not their latest reply")
                .isEqualTo(7);
        // a reply can still be marked read (a client reading the thread), and that covers the timeline before it
        markRead(reader, channel, later);
        UUID unreadReply = upstream.postReply(channel, 8, author, root);
        upstream.postMessage(channel, 9, author);
        markRead(reader, channel, unreadReply);
        assertThat(unreadInList(reader, channel)).isEqualTo(1);
    }

    @Test
    void messagesOfUnknownOrDeletedChannelsAreIgnored() {
        UUID unknown = UuidV7.next();
        UUID doomed = channelWithBoth("doomed");
        assertThat(api(author).delete("/api/channels/" + doomed).status()).isEqualTo(204);
        TestEvents.send(upstream.messageCreated(unknown, UuidV7.next(), 7, author));
        TestEvents.send(upstream.messageCreated(doomed, UuidV7.next(), 7, author));
        // later messages on the same keys prove the ignored ones were consumed without blocking anything
        UUID live = channelWithBoth("alive");
        upstream.postMessage(live, 1, author);
        TestEvents.send(upstream.messageCreated(unknown, UuidV7.next(), 8, author));
        TestEvents.send(upstream.messageCreated(doomed, UuidV7.next(), 8, author));
        upstream.postMessage(live, 2, author);
        assertThat(jdbc.queryForObject(
                        "select count(*) from channel_message_index where channel_id in (?, ?)",
                        Integer.class,
                        unknown,
                        doomed))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from channels where id in (?, ?)", Integer.class, unknown, doomed))
                .isZero();
    }

    @Test
    void mutedAndArchivedChannelsKeepTheirReadState() {
        UUID channel = channelWithBoth("quiet");
        UUID message = upstream.postMessage(channel, 1, author);
        assertThat(api(reader)
                        .patch("/api/channels/" + channel + "/members/me", Map.of("isMuted", true))
                        .status())
                .isEqualTo(200);
        JsonNode summary = unreadSummary(reader, channel);
        assertThat(summary.get("unreadCount").asLong()).isEqualTo(1);
        assertThat(summary.get("isMuted").asBoolean()).isTrue();

        assertThat(api(author)
                        .post("/api/channels/" + channel + "/archive", null)
                        .status())
                .isEqualTo(200);
        markRead(reader, channel, message);
        assertThat(unreadSummary(reader, channel).get("unreadCount").asLong()).isZero();
    }

    @Test
    void unreadSummaryIsKeysetPaged() {
        UUID ws = upstream.createWorkspace(reader);
        for (int i = 0; i < 3; i++) {
            createChannel(reader, ws, "paged-" + i, false);
        }
        JsonNode first =
                api(reader).get("/api/workspaces/" + ws + "/unread?limit=2").json();
        assertThat(first.get("items")).hasSize(2);
        JsonNode second = api(reader)
                .get("/api/workspaces/" + ws + "/unread?limit=2&cursor="
                        + first.get("nextCursor").asString())
                .json();
        assertThat(second.get("items")).hasSize(2); // 3 + general
        assertThat(second.get("nextCursor").isNull()).isTrue();
        assertThat(second.get("items").get(0).get("channelId").asString())
                .isGreaterThan(first.get("items").get(1).get("channelId").asString());
        assertProblem(api(reader).get("/api/workspaces/" + ws + "/unread?cursor=bm90LWEtdXVpZA"), 400);
    }

    @Test
    void prunedMessagesCanNoLongerBeMarkedRead() {
        UUID channel = channelWithBoth("pruned");
        UUID old = upstream.postMessage(channel, 1, author);
        Instant now = clock.instant();
        try {
            // the scheduled pruning, run when the message (dated by message-service) is past the retention
            clock.set(Instant.now().plus(properties.messageIndexRetention()).plusSeconds(60));
            janitor.prune();
        } finally {
            clock.set(now);
        }
        assertProblem(api(reader).put("/api/channels/" + channel + "/read", Map.of("messageId", old)), 404);
        assertThat(unreadInList(reader, channel))
                .as("unread counts do not need the index")
                .isEqualTo(1);
    }

    @Test
    void eachChangePublishesExactlyOneEventKeyedByChannel() {
        try (EventCollector collector = new EventCollector(Topics.CHANNEL)) {
            UUID channel = createChannel(author, workspace, "evented", true);
            api(author).patch("/api/channels/" + channel, Map.of("topic", "one"));
            api(author).patch("/api/channels/" + channel, Map.of("topic", "one")); // no change, no event
            api(author).post("/api/channels/" + channel + "/archive", null);
            api(author).post("/api/channels/" + channel + "/archive", null); // idempotent
            api(author).post("/api/channels/" + channel + "/unarchive", null);
            api(author).post("/api/channels/" + channel + "/members", Map.of("userId", reader));
            api(author).post("/api/channels/" + channel + "/members", Map.of("userId", reader)); // already in
            api(reader).patch("/api/channels/" + channel + "/members/me", Map.of("isMuted", true));
            api(author).patch("/api/channels/" + channel + "/members/" + reader, Map.of("role", "ADMIN"));
            api(reader).delete("/api/channels/" + channel + "/members/me");
            assertThat(api(author).delete("/api/channels/" + channel).status()).isEqualTo(204);

            collector.await(r -> r.is("channel.deleted", channel), 1, Duration.ofSeconds(30));
            List<Received> events = collector.drain(r -> r.subject().equals(channel.toString()), Duration.ofSeconds(2));
            assertThat(events)
                    .extracting(Received::type)
                    .containsExactly(
                            "channel.created",
                            "channel.member.added",
                            "channel.updated",
                            "channel.archived",
                            "channel.unarchived",
                            "channel.member.added",
                            "channel.member.updated",
                            "channel.member.updated",
                            "channel.member.removed",
                            "channel.deleted");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.key()).isEqualTo(channel.toString());
                assertThat(e.data().get("channelId").asString()).isEqualTo(channel.toString());
                assertThat(e.data().get("workspaceId").asString()).isEqualTo(workspace.toString());
                assertThat(e.data().get("isPrivate").asBoolean()).isTrue();
                assertThat(e.envelope().get("source").asString()).isEqualTo("/channel-service");
            });
            assertThat(events.stream()
                            .map(e -> e.envelope().get("id").asString())
                            .distinct())
                    .hasSize(events.size());
            JsonNode updated = events.get(2).data();
            assertThat(updated.get("topic").asString()).isEqualTo("one");
            assertThat(updated.get("name").asString()).isEqualTo("evented");
            assertThat(updated.get("type").asString()).isEqualTo("TEXT");
            assertThat(events.get(3).data().get("isArchived").asBoolean()).isTrue();
            JsonNode muted = events.get(6).data();
            assertThat(muted.get("userId").asString()).isEqualTo(reader.toString());
            assertThat(muted.get("isMuted").asBoolean()).isTrue();
            assertThat(muted.get("role").asString()).isEqualTo("MEMBER");
            assertThat(events.get(7).data().get("role").asString()).isEqualTo("ADMIN");
            assertThat(events.get(8).data().get("userId").asString()).isEqualTo(reader.toString());
            assertThat(jdbc.queryForObject("select count(*) from outbox_event", Integer.class))
                    .as("outbox drained")
                    .isZero();
        }
    }
}
