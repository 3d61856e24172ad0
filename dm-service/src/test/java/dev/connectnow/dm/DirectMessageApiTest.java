package dev.connectnow.dm;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.support.DmIntegrationTest;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Direct messages: send, page, edit, delete, read receipts and unread counts, with the events each change
 * publishes; the sender-only rules (S3), read-only conversations of banned users, limits on size and rate
 * (S14, S15), text that must round-trip exactly (S16) and concurrent edits (R8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectMessageApiTest extends DmIntegrationTest {

    private static final List<String> MESSAGE_FIELDS = List.of(
            "id",
            "conversationId",
            "senderId",
            "content",
            "type",
            "seq",
            "isEdited",
            "editedAt",
            "isDeleted",
            "deletedAt",
            "isRead",
            "readAt",
            "version",
            "createdAt",
            "updatedAt",
            "attachments");

    private EventCollector events;

    @BeforeAll
    void listen() {
        events = new EventCollector(Topics.DM);
    }

    @AfterAll
    void stopListening() {
        events.close();
    }

    private record Pair(UUID a, UUID b, UUID conversation) {}

    private Pair pair() {
        List<UUID> users = users().registerAll(2);
        return new Pair(users.get(0), users.get(1), conversation(users.get(0), users.get(1)));
    }

    private String messages(UUID conversation) {
        return "/api/dm/conversations/" + conversation + "/messages";
    }

    private JsonNode listItem(UUID user, UUID conversation) {
        for (JsonNode item : api(user).get("/api/dm/conversations").json().get("items")) {
            if (item.get("id").asString().equals(conversation.toString())) {
                return item;
            }
        }
        throw new AssertionError("conversation " + conversation + " not in the list of " + user);
    }

    private List<Received> eventsOf(UUID conversation, String type, int atLeast) {
        return events.await(r -> r.is(type, conversation), atLeast, Duration.ofSeconds(30));
    }

    @Test
    void theSeedFlowSendListReadAndReceipt() {
        Pair p = pair();

        Response sent = api(p.a()).post(messages(p.conversation()), Map.of("content", "Hello, Bob"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(201);
        JsonNode message = sent.json();
        assertThat(sent.header("Location"))
                .hasValue("/api/dm/messages/" + message.get("id").asString());
        assertThat(message.propertyNames()).containsExactlyInAnyOrderElementsOf(MESSAGE_FIELDS);
        assertThat(message.get("conversationId").asString())
                .isEqualTo(p.conversation().toString());
        assertThat(message.get("senderId").asString()).isEqualTo(p.a().toString());
        assertThat(message.get("content").asString()).isEqualTo("Hello, Bob");
        assertThat(message.get("type").asString()).isEqualTo("TEXT");
        assertThat(message.get("seq").asLong()).isEqualTo(1);
        assertThat(message.get("version").asLong()).isEqualTo(1);
        assertThat(message.get("isRead").asBoolean()).isFalse();
        assertThat(message.get("attachments")).isEmpty();

        JsonNode bobsView = listItem(p.b(), p.conversation());
        assertThat(bobsView.get("unreadCount").asLong()).isEqualTo(1);
        assertThat(bobsView.get("lastMessageAt").asString())
                .as("lastMessageAt moved with the message")
                .isEqualTo(message.get("createdAt").asString());
        assertThat(bobsView.get("updatedAt").asString())
                .isEqualTo(message.get("createdAt").asString());
        assertThat(listItem(p.a(), p.conversation()).get("unreadCount").asLong())
                .isZero();

        Response read = api(p.b())
                .post("/api/dm/conversations/" + p.conversation() + "/read", Map.of("messageId", id(message)));
        assertThat(read.status()).as("%s", read).isEqualTo(204);
        assertThat(listItem(p.b(), p.conversation()).get("unreadCount").asLong())
                .isZero();
        JsonNode seenBySender =
                api(p.a()).get(messages(p.conversation())).json().at("/items/0");
        assertThat(seenBySender.get("isRead").asBoolean()).isTrue();
        assertThat(seenBySender.get("readAt").asString()).isNotBlank();
        assertThat(api(p.a()).get("/api/dm/messages/" + id(message)).text("readAt"))
                .isEqualTo(seenBySender.get("readAt").asString());

        Received created = eventsOf(p.conversation(), "dm.message.created", 1).get(0);
        assertThat(created.key()).isEqualTo(p.conversation().toString());
        assertThat(created.envelope().get("sequence").asLong()).isEqualTo(1);
        assertThat(created.data().get("id").asString())
                .isEqualTo(message.get("id").asString());
        assertThat(created.data().get("content").asString()).isEqualTo("Hello, Bob");
        assertThat(created.data().get("participantIds").valueStream().map(JsonNode::asString))
                .containsExactlyElementsOf(ordered(p.a(), p.b()));
        Received receipt = eventsOf(p.conversation(), "dm.message.read", 1).get(0);
        assertThat(receipt.data().get("readerId").asString()).isEqualTo(p.b().toString());
        assertThat(receipt.data().get("upToMessageId").asString())
                .isEqualTo(message.get("id").asString());
        assertThat(receipt.data().get("upToSeq").asLong()).isEqualTo(1);
        assertThat(receipt.data().get("readAt").asString())
                .isEqualTo(seenBySender.get("readAt").asString());
        assertThat(receipt.envelope().get("sequence").asLong()).isEqualTo(1);
    }

    @Test
    void markingReadIsIdempotentNeverMovesBackwardsAndOnlyForMessagesOfTheConversation() {
        Pair p = pair();
        UUID m1 = id(send(p.a(), p.conversation(), "one"));
        UUID m2 = id(send(p.a(), p.conversation(), "two"));
        UUID m3 = id(send(p.a(), p.conversation(), "three"));
        String read = "/api/dm/conversations/" + p.conversation() + "/read";

        assertThat(api(p.b()).post(read, Map.of("messageId", m2)).status()).isEqualTo(204);
        assertThat(listItem(p.b(), p.conversation()).get("unreadCount").asLong())
                .isEqualTo(1);
        String readAtOfM1 = api(p.b()).get("/api/dm/messages/" + m1).text("readAt");
        assertThat(readAtOfM1).isNotNull();
        assertThat(api(p.b()).get("/api/dm/messages/" + m3).json().get("isRead").asBoolean())
                .isFalse();

        assertThat(api(p.b()).post(read, Map.of("messageId", m2)).status()).isEqualTo(204);
        assertThat(api(p.b()).post(read, Map.of("messageId", m1)).status()).isEqualTo(204);
        assertThat(listItem(p.b(), p.conversation()).get("unreadCount").asLong())
                .isEqualTo(1);
        assertThat(api(p.b()).get("/api/dm/messages/" + m1).text("readAt")).isEqualTo(readAtOfM1);

        Pair other = pair();
        UUID foreign = id(send(other.a(), other.conversation(), "elsewhere"));
        assertProblem(api(p.b()).post(read, Map.of("messageId", foreign)), 404);
        assertProblem(api(p.b()).post(read, Map.of("messageId", UuidV7.next())), 404);
        assertFieldErrors(api(p.b()).post(read, Map.of()), "messageId");

        assertThat(api(p.b()).post(read, Map.of("messageId", m3)).status()).isEqualTo(204);
        assertThat(listItem(p.b(), p.conversation()).get("unreadCount").asLong())
                .isZero();
        assertThat(events.drain(r -> r.is("dm.message.read", p.conversation()), Duration.ofSeconds(1)))
                .extracting(r -> r.data().get("upToSeq").asLong())
                .as("one receipt per move, none for repeats or older messages")
                .containsExactly(2L, 3L);
    }

    @Test
    void replyingReadsWhatCameBeforeAndAMonologuePublishesNoReceipts() {
        Pair p = pair();
        UUID first = id(send(p.a(), p.conversation(), "are you there?"));
        send(p.a(), p.conversation(), "hello?");
        JsonNode reply = send(p.b(), p.conversation(), "yes!");

        assertThat(listItem(p.b(), p.conversation()).get("unreadCount").asLong())
                .isZero();
        assertThat(listItem(p.a(), p.conversation()).get("unreadCount").asLong())
                .isEqualTo(1);
        JsonNode page = api(p.a()).get(messages(p.conversation())).json().get("items");
        assertThat(page).extracting(m -> m.get("isRead").asBoolean()).containsExactly(false, true, true);
        assertThat(api(p.a()).get("/api/dm/messages/" + first).text("readAt"))
                .isEqualTo(reply.get("createdAt").asString());

        List<Received> receipts = eventsOf(p.conversation(), "dm.message.read", 1);
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).data().get("readerId").asString()).isEqualTo(p.b().toString());
        assertThat(receipts.get(0).data().get("upToSeq").asLong()).isEqualTo(3);
        send(p.b(), p.conversation(), "still me");
        assertThat(events.drain(r -> r.is("dm.message.read", p.conversation()), Duration.ofSeconds(1)))
                .hasSize(1);
    }

    @Test
    void messagesComeNewestFirstInKeysetPages() {
        Pair p = pair();
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            sent.add(send(i % 2 == 0 ? p.b() : p.a(), p.conversation(), "message " + i)
                    .get("id")
                    .asString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api(p.b())
                    .get(messages(p.conversation()) + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(3);
            page.json().get("items").forEach(m -> seen.add(m.get("id").asString()));
            cursor = page.text("nextCursor");
        } while (cursor != null);
        Collections.reverse(sent);
        assertThat(seen).containsExactlyElementsOf(sent);

        assertFieldErrors(api(p.a()).get(messages(p.conversation()) + "?cursor=%21%21"), "cursor");
        assertFieldErrors(api(p.a()).get(messages(p.conversation()) + "?limit=-1"), "limit");
        assertThat(api(p.a())
                        .get(messages(p.conversation()) + "?limit=5000")
                        .json()
                        .get("items"))
                .hasSize(7);
    }

    @Test
    void onlyTheSenderEditsAtTheVersionTheyRead() {
        Pair p = pair();
        JsonNode original = send(p.a(), p.conversation(), "teh plan");
        String path = "/api/dm/messages/" + id(original);

        assertProblem(api(p.b()).patch(path, Map.of("content", "hijacked", "version", 1)), 403);
        Response edited = api(p.a()).patch(path, Map.of("content", "the plan", "version", 1));
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.json().get("version").asLong()).isEqualTo(2);
        assertThat(edited.json().get("isEdited").asBoolean()).isTrue();
        assertThat(edited.text("editedAt")).isEqualTo(edited.text("updatedAt"));
        assertThat(edited.text("createdAt")).isEqualTo(original.get("createdAt").asString());

        JsonNode stale = assertProblem(api(p.a()).patch(path, Map.of("content", "the plan v2", "version", 1)), 409);
        assertThat(stale.at("/current/content").asString()).isEqualTo("the plan");
        assertThat(stale.at("/current/version").asLong()).isEqualTo(2);

        Response same = api(p.a()).patch(path, Map.of("content", "the plan", "version", 2));
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().get("version").asLong()).as("nothing changed").isEqualTo(2);

        Response versionOnly = api(p.a()).patch(path, Map.of("version", 2));
        assertThat(versionOnly.status()).as("content left out stays as it is").isEqualTo(200);
        assertThat(versionOnly.text("content")).isEqualTo("the plan");
        assertThat(versionOnly.json().get("version").asLong()).isEqualTo(2);
        assertProblem(api(p.a()).patch(path, Map.of("version", 1)), 409);

        assertFieldErrors(api(p.a()).patch(path, "{\"content\":null,\"version\":2}"), "content");
        assertFieldErrors(api(p.a()).patch(path, Map.of("content", "   ", "version", 2)), "content");
        assertFieldErrors(api(p.a()).patch(path, Map.of("content", "no version")), "version");
        assertProblem(api(p.a()).patch(path, Map.of("content", "x", "version", 2, "senderId", p.b())), 400);
        assertProblem(api(p.a()).patch("/api/dm/messages/" + UuidV7.next(), Map.of("content", "x", "version", 1)), 404);

        assertThat(api(p.b()).get(path).text("content")).isEqualTo("the plan");
        List<Received> updates = eventsOf(p.conversation(), "dm.message.updated", 1);
        assertThat(events.drain(r -> r.is("dm.message.updated", p.conversation()), Duration.ofSeconds(1)))
                .hasSize(1);
        assertThat(updates.get(0).data().get("content").asString()).isEqualTo("the plan");
        assertThat(updates.get(0).data().get("version").asLong()).isEqualTo(2);
        assertThat(updates.get(0).envelope().get("sequence").asLong()).isEqualTo(1);
    }

    @Test
    void twoConcurrentEditsAtTheSameVersionGiveOneWinnerOneConflictAndOneEvent() throws Exception {
        Pair p = pair();
        String path = "/api/dm/messages/" + id(send(p.a(), p.conversation(), "draft"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> edits = new ArrayList<>();
            for (String text : List.of("version A", "version B")) {
                edits.add(pool.submit(() -> {
                    start.await();
                    return api(p.a()).patch(path, Map.of("content", text, "version", 1));
                }));
            }
            start.countDown();
            Response first = edits.get(0).get();
            Response second = edits.get(1).get();
            assertThat(List.of(first.status(), second.status())).containsExactlyInAnyOrder(200, 409);
            Response winner = first.status() == 200 ? first : second;
            Response loser = first.status() == 200 ? second : first;
            JsonNode conflict = assertProblem(loser, 409);
            assertThat(conflict.at("/current/content").asString()).isEqualTo(winner.text("content"));
            assertThat(api(p.b()).get(path).text("content")).isEqualTo(winner.text("content"));
            assertThat(api(p.b()).get(path).json().get("version").asLong()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        eventsOf(p.conversation(), "dm.message.updated", 1);
        assertThat(events.drain(r -> r.is("dm.message.updated", p.conversation()), Duration.ofSeconds(1)))
                .hasSize(1);
    }

    @Test
    void onlyTheSenderDeletesAndADeletedMessageKeepsNothing() {
        Pair p = pair();
        JsonNode message = send(p.a(), p.conversation(), "oops, my password is hunter2");
        String path = "/api/dm/messages/" + id(message);

        assertProblem(api(p.b()).delete(path), 403);
        assertThat(api(p.b()).get(path).text("content")).isEqualTo("oops, my password is hunter2");

        assertThat(api(p.a()).delete(path).status()).isEqualTo(204);
        JsonNode gone = api(p.b()).get(path).json();
        assertThat(gone.get("isDeleted").asBoolean()).isTrue();
        assertThat(gone.get("deletedAt").asString()).isNotBlank();
        assertThat(gone.get("content").isNull()).isTrue();
        assertThat(gone.get("attachments")).isEmpty();
        assertThat(gone.get("version").asLong()).isEqualTo(2);
        assertThat(api(p.b()).get(messages(p.conversation())).body()).doesNotContain("hunter2");
        assertThat(jdbc.queryForObject(
                        "select count(*) from direct_messages where content like '%hunter2%'", Integer.class))
                .isZero();

        assertThat(api(p.a()).delete(path).status()).as("idempotent").isEqualTo(204);
        JsonNode conflict = assertProblem(api(p.a()).patch(path, Map.of("content", "back", "version", 2)), 409);
        assertThat(conflict.at("/current/isDeleted").asBoolean()).isTrue();

        Received deleted = eventsOf(p.conversation(), "dm.message.deleted", 1).get(0);
        assertThat(deleted.data().get("content").isNull()).isTrue();
        assertThat(deleted.data().get("isDeleted").asBoolean()).isTrue();
        assertThat(deleted.value()).doesNotContain("hunter2");
        assertThat(events.drain(r -> r.is("dm.message.deleted", p.conversation()), Duration.ofSeconds(1)))
                .hasSize(1);
        // the unread count is positional: a deleted message the recipient never read still counts
        assertThat(listItem(p.b(), p.conversation()).get("unreadCount").asLong())
                .isEqualTo(1);
    }

    @Test
    void contentIsBoundedInCodePointsAndRoundTripsExactly() {
        Pair p = pair();
        String tricky = "👩‍👩‍👧‍👦 family \u202Eevil.exe\u202C مرحبا <img src=x onerror=alert(1)> ' OR 1=1--";
        JsonNode sent = send(p.a(), p.conversation(), tricky);
        assertThat(api(p.b()).get("/api/dm/messages/" + id(sent)).text("content"))
                .isEqualTo(tricky);
        assertThat(eventsOf(p.conversation(), "dm.message.created", 1)
                        .get(0)
                        .data()
                        .get("content")
                        .asString())
                .isEqualTo(tricky);

        String longest = "😀".repeat(4000); // 4000 code points, 8000 UTF-16 units
        assertThat(api(p.a())
                        .post(messages(p.conversation()), Map.of("content", longest))
                        .status())
                .isEqualTo(201);
        assertFieldErrors(api(p.a()).post(messages(p.conversation()), Map.of("content", longest + "!")), "content");

        Response nul = api(p.a()).post(messages(p.conversation()), "{\"content\":\"before\\u0000after\"}");
        assertProblem(nul, 400);
        assertFieldErrors(api(p.a()).post(messages(p.conversation()), Map.of("content", " \n\t")), "content");
        assertFieldErrors(api(p.a()).post(messages(p.conversation()), Map.of()), "content");
        assertFieldErrors(
                api(p.a()).post(messages(p.conversation()), Map.of("content", "hi", "type", "SYSTEM")), "type");
        assertProblem(api(p.a()).post(messages(p.conversation()), Map.of("content", "hi", "type", "SHOUT")), 400);
        assertProblem(api(p.a()).post(messages(p.conversation()), Map.of("content", "hi", "seq", 99)), 400);
        UUID attachment = UuidV7.next();
        assertFieldErrors(
                api(p.a()).post(messages(p.conversation()), Map.of("attachmentIds", List.of(attachment, attachment))),
                "attachmentIds");
        List<UUID> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(UuidV7.next());
        }
        assertFieldErrors(
                api(p.a()).post(messages(p.conversation()), Map.of("content", "files", "attachmentIds", eleven)),
                "attachmentIds");
        Response tooLarge = api(p.a()).post(messages(p.conversation()), Map.of("content", "x".repeat(300_000)));
        assertProblem(tooLarge, 413);
        assertThat(api(p.b()).get(messages(p.conversation())).json().get("items"))
                .as("only the two valid messages were stored")
                .hasSize(2);
        assertFieldErrors(
                api(p.a()).post(messages(p.conversation()), Map.of("content", "no file", "type", "FILE")), "type");
        assertThat(api(p.a())
                        .post(messages(p.conversation()), Map.of("content", "typed", "type", "TEXT"))
                        .text("type"))
                .isEqualTo("TEXT");
    }

    @Test
    void aFloodFromOneUserIsLimitedWithoutAffectingOthers() {
        Pair p = pair();
        Map<Integer, Integer> statuses = new HashMap<>();
        Response limited = null;
        for (int i = 0; i < 40 && limited == null; i++) {
            Response response = api(p.a()).post(messages(p.conversation()), Map.of("content", "spam " + i));
            statuses.merge(response.status(), 1, Integer::sum);
            if (response.status() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a flood gets 429 (%s)", statuses).isNotNull();
        assertProblem(limited, 429);
        assertThat(limited.header("Retry-After"))
                .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(statuses.get(201)).isGreaterThanOrEqualTo(20);
        assertThat(api(p.b())
                        .post(messages(p.conversation()), Map.of("content", "I can still talk"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aBannedParticipantMakesTheConversationReadOnly() {
        Pair p = pair();
        UUID mine = id(send(p.a(), p.conversation(), "before the ban"));
        UUID theirs = id(send(p.b(), p.conversation(), "spam spam"));
        users().ban(p.b());

        assertProblem(api(p.a()).post(messages(p.conversation()), Map.of("content", "hello?")), 403);
        assertProblem(api(p.b()).post(messages(p.conversation()), Map.of("content", "more spam")), 403);
        assertProblem(api(p.a()).patch("/api/dm/messages/" + mine, Map.of("content", "edited", "version", 1)), 403);
        assertProblem(api(p.b()).patch("/api/dm/messages/" + theirs, Map.of("content", "x", "version", 1)), 403);
        assertProblem(api(p.b()).delete("/api/dm/messages/" + theirs), 403);
        assertProblem(
                api(p.b()).post("/api/dm/conversations/" + p.conversation() + "/read", Map.of("messageId", mine)), 403);
        assertThat(api(p.b()).get(messages(p.conversation())).status())
                .as("reading stays")
                .isEqualTo(200);
        assertThat(api(p.a())
                        .post("/api/dm/conversations/" + p.conversation() + "/read", Map.of("messageId", theirs))
                        .status())
                .isEqualTo(204);
        assertThat(api(p.a()).delete("/api/dm/messages/" + mine).status()).isEqualTo(204);
        assertThat(api(p.a()).get(messages(p.conversation())).json().get("items"))
                .hasSize(2);

        users().unban(p.b());
        assertThat(api(p.a())
                        .post(messages(p.conversation()), Map.of("content", "welcome back"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aRepeatedSendAnswersTheMessageTheFirstCreatedAndIsPublishedOnce() {
        Pair p = pair();
        UUID clientMessageId = UUID.randomUUID();
        Map<String, Object> send = Map.of("content", "sent once, answered twice", "clientMessageId", clientMessageId);

        Response first = api(p.a()).post(messages(p.conversation()), send);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        Response again = api(p.a()).post(messages(p.conversation()), send);
        assertThat(again.status()).as("a repeat finds the message: %s", again).isEqualTo(200);
        String id = first.json().get("id").asString();
        assertThat(again.json().get("id").asString()).isEqualTo(id);
        assertThat(again.json().get("seq").asLong()).isEqualTo(1);
        assertThat(again.header("Location")).hasValue("/api/dm/messages/" + id);
        assertThat(jdbc.queryForObject(
                        "select count(*) from direct_messages where conversation_id = ?",
                        Integer.class,
                        p.conversation()))
                .isEqualTo(1);
        eventsOf(p.conversation(), "dm.message.created", 1);
        assertThat(events.drain(r -> r.is("dm.message.created", p.conversation()), Duration.ofSeconds(2)))
                .as("one dm.message.created")
                .hasSize(1);

        // the id is the sender's own: the other participant may happen to send the same one
        assertThat(api(p.b())
                        .post(messages(p.conversation()), Map.of("content", "hi", "clientMessageId", clientMessageId))
                        .status())
                .isEqualTo(201);
        // the same id for another conversation is the client's mistake, and nothing is sent
        UUID third = users().register();
        UUID elsewhere = conversation(p.a(), third);
        assertFieldErrors(
                api(p.a())
                        .post(messages(elsewhere), Map.of("content", "elsewhere", "clientMessageId", clientMessageId)),
                "clientMessageId");
        assertThat(api(p.a())
                        .post(messages(p.conversation()), Map.of("content", "x", "clientMessageId", "not-a-uuid"))
                        .status())
                .isEqualTo(400);
        assertThat(jdbc.queryForObject(
                        "select count(*) from direct_messages where conversation_id = ?", Integer.class, elsewhere))
                .isZero();
        // a stranger's repeat learns nothing about the conversation
        assertProblem(api(third).post(messages(p.conversation()), send), 404);
    }

    @Test
    void repeatsOfOneSendSentAtOnceCreateOneMessageAndNoSeqGap() throws Exception {
        Pair p = pair();
        Map<String, Object> send =
                Map.of("content", "retried by an eager client", "clientMessageId", UUID.randomUUID());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> repeats = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                repeats.add(pool.submit(
                        () -> api(p.a()).post(messages(p.conversation()), send).status()));
            }
            for (Future<Integer> repeat : repeats) {
                statuses.add(repeat.get());
            }
        } finally {
            pool.shutdown();
        }
        // one creates it; the others find it (200) or met it while it was being written (409: repeat again)
        assertThat(statuses).isSubsetOf(201, 200, 409).containsOnlyOnce(201);
        assertThat(jdbc.queryForList(
                        "select seq from direct_messages where conversation_id = ?", Long.class, p.conversation()))
                .containsExactly(1L);
        assertThat(send(p.a(), p.conversation(), "next").get("seq").asLong())
                .as("the next message follows without a gap")
                .isEqualTo(2);
    }

    private static List<String> ordered(UUID x, UUID y) {
        return List.of(x.toString(), y.toString()).stream().sorted().toList();
    }
}
