package dev.connectnow.dm;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.dm.support.DmIntegrationTest;
import dev.connectnow.dm.support.UserFeed;
import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventCollector.Received;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Conversations: race-free find-or-create, who can start one, the list (order, keyset pages, the other user's
 * profile, unreadCount), and 404 for everything of someone else's conversation (S2).
 */
class ConversationApiTest extends DmIntegrationTest {

    @Test
    void findOrCreateGivesTheSameConversationWhoeverStartsIt() {
        List<UUID> pair = users().registerAll(2);
        UUID ada = pair.get(0);
        UUID bob = pair.get(1);

        try (EventCollector events = new EventCollector(Topics.DM)) {
            Response created = api(ada).post("/api/dm/conversations", Map.of("userId", bob));
            assertThat(created.status()).as("%s", created).isEqualTo(201);
            String id = created.text("id");
            assertThat(created.header("Location")).hasValue("/api/dm/conversations/" + id);
            assertThat(created.text("/otherUser/id")).isEqualTo(bob.toString());
            assertThat(created.text("/otherUser/username")).isEqualTo(UserFeed.usernameOf(bob));
            assertThat(created.text("/otherUser/displayName")).isEqualTo("Display " + UserFeed.usernameOf(bob));
            assertThat(created.text("/otherUser/avatarUrl"))
                    .isEqualTo("https://cdn.example/" + UserFeed.usernameOf(bob));
            assertThat(created.json().get("lastMessageAt").isNull()).isTrue();
            assertThat(created.json().get("unreadCount").asLong()).isZero();
            assertThat(created.text("createdAt")).isEqualTo(created.text("updatedAt"));
            assertThat(created.json().propertyNames())
                    .containsExactlyInAnyOrder(
                            "id", "otherUser", "lastMessageAt", "unreadCount", "createdAt", "updatedAt");
            assertThat(created.json().get("otherUser").propertyNames())
                    .as("the public profile only (S6)")
                    .containsExactlyInAnyOrder("id", "username", "displayName", "avatarUrl");

            Response again = api(ada).post("/api/dm/conversations", Map.of("userId", bob));
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.text("id")).isEqualTo(id);
            Response fromBob = api(bob).post("/api/dm/conversations", Map.of("userId", ada));
            assertThat(fromBob.status()).isEqualTo(200);
            assertThat(fromBob.text("id")).isEqualTo(id);
            assertThat(fromBob.text("/otherUser/id")).isEqualTo(ada.toString());
            assertThat(api(bob).get("/api/dm/conversations/" + id).text("/otherUser/username"))
                    .isEqualTo(UserFeed.usernameOf(ada));

            List<Received> published =
                    events.await(r -> r.is("dm.conversation.created", id), 1, Duration.ofSeconds(30));
            assertThat(published).hasSize(1);
            JsonNode data = published.get(0).data();
            List<String> participants = List.of(ada.toString(), bob.toString()).stream()
                    .sorted()
                    .toList(); // v7 ids of one process: plain string order is the unsigned order
            assertThat(published.get(0).key()).isEqualTo(id);
            assertThat(data.get("userAId").asString()).isEqualTo(participants.get(0));
            assertThat(data.get("userBId").asString()).isEqualTo(participants.get(1));
            assertThat(data.get("participantIds").valueStream().map(JsonNode::asString))
                    .containsExactlyElementsOf(participants);
            assertThat(events.drain(r -> r.is("dm.conversation.created", id), Duration.ofSeconds(1)))
                    .hasSize(1);
        }
    }

    @Test
    void manyParallelRequestsInBothDirectionsMakeOneConversationAndOneCreator() throws Exception {
        List<UUID> pair = users().registerAll(2);
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                UUID me = pair.get(i % 2);
                UUID other = pair.get((i + 1) % 2);
                Callable<Response> call = () -> {
                    start.await();
                    return api(me).post("/api/dm/conversations", Map.of("userId", other));
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            assertThat(responses).extracting(Response::status).containsOnly(200, 201);
            assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
            assertThat(responses.stream().map(r -> r.text("id")).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from direct_conversations where user_a_id = any(?) and user_b_id = any(?)",
                        Integer.class,
                        pair.toArray(UUID[]::new),
                        pair.toArray(UUID[]::new)))
                .isEqualTo(1);
    }

    @Test
    void idsAreOrderedAsPostgresqlOrdersThem() {
        // the top bit set: negative as a signed long, so UUID.compareTo would put it first
        UUID high = UUID.fromString(
                "f0000000-0000-7000-8000-" + UuidV7.next().toString().substring(24));
        UUID low = UUID.fromString(
                "10000000-0000-7000-8000-" + UuidV7.next().toString().substring(24));
        users().publishAndAwait(
                        users().registered(high, "high-" + high.toString().substring(24), UserFeed.now()),
                        users().registered(low, "low-" + low.toString().substring(24), UserFeed.now()));

        UUID conversation = conversation(high, low);

        assertThat(jdbc.queryForObject(
                        "select user_a_id from direct_conversations where id = ?", UUID.class, conversation))
                .isEqualTo(low);
        assertThat(conversation(low, high)).isEqualTo(conversation);
        assertThat(api(high).get("/api/dm/conversations/" + conversation).text("/otherUser/id"))
                .isEqualTo(low.toString());
    }

    @Test
    void onlyExistingUsersWhoAreNotBannedCanBeStartedWith() {
        List<UUID> people = users().registerAll(4);
        UUID me = people.get(0);
        UUID banned = people.get(1);
        UUID alreadyTalking = people.get(2);
        UUID fine = people.get(3);
        UUID existing = conversation(me, alreadyTalking);

        assertFieldErrors(api(me).post("/api/dm/conversations", Map.of("userId", me)), "userId");
        assertProblem(api(me).post("/api/dm/conversations", Map.of("userId", UuidV7.next())), 404);
        assertFieldErrors(api(me).post("/api/dm/conversations", Map.of()), "userId");
        assertProblem(api(me).post("/api/dm/conversations", Map.of("userId", "not-a-uuid")), 400);
        assertProblem(api(me).post("/api/dm/conversations", Map.of("userId", fine, "isAdmin", true)), 400);

        users().ban(banned);
        assertProblem(api(me).post("/api/dm/conversations", Map.of("userId", banned)), 403);
        assertProblem(api(banned).post("/api/dm/conversations", Map.of("userId", fine)), 403);

        users().ban(alreadyTalking);
        Response found = api(me).post("/api/dm/conversations", Map.of("userId", alreadyTalking));
        assertThat(found.status()).as("an existing conversation is still found").isEqualTo(200);
        assertThat(found.text("id")).isEqualTo(existing.toString());

        users().unban(banned);
        assertThat(api(me).post("/api/dm/conversations", Map.of("userId", banned))
                        .status())
                .isEqualTo(201);
        assertThat(jdbc.queryForObject(
                        "select count(*) from direct_conversations where user_a_id = ? or user_b_id = ?",
                        Integer.class,
                        me,
                        me))
                .isEqualTo(2);
    }

    @Test
    void myConversationsComeLatestMessageFirstInKeysetPagesWithTheOtherUserAndUnreadCount() {
        List<UUID> people = users().registerAll(5);
        UUID me = people.get(0);
        UUID quiet = conversation(me, people.get(1));
        UUID older = conversation(people.get(2), me);
        UUID newer = conversation(me, people.get(3));
        UUID fresh = conversation(people.get(4), me); // no message: sorted by its creation

        send(people.get(2), older, "one");
        send(people.get(2), older, "two");
        send(me, newer, "hello");
        send(people.get(3), newer, "hi back");
        send(me, quiet, "anyone?");

        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api(me).get("/api/dm/conversations?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(all::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(2);
        assertThat(all)
                .extracting(item -> UUID.fromString(item.get("id").asString()))
                .containsExactly(quiet, newer, older, fresh);
        assertThat(all).extracting(item -> item.get("unreadCount").asLong()).containsExactly(0L, 1L, 2L, 0L);
        assertThat(all)
                .extracting(item -> item.at("/otherUser/id").asString())
                .containsExactly(
                        people.get(1).toString(),
                        people.get(3).toString(),
                        people.get(2).toString(),
                        people.get(4).toString());
        assertThat(all.get(3).get("lastMessageAt").isNull()).isTrue();
        assertThat(all.get(0).get("lastMessageAt").asString()).isNotBlank();

        JsonNode theirs = api(people.get(2)).get("/api/dm/conversations").json().get("items");
        assertThat(theirs).hasSize(1);
        assertThat(theirs.get(0).get("unreadCount").asLong())
                .as("own messages are never unread")
                .isZero();

        assertFieldErrors(api(me).get("/api/dm/conversations?cursor=garbage"), "cursor");
        assertFieldErrors(api(me).get("/api/dm/conversations?limit=0"), "limit");
        assertThat(api(me).get("/api/dm/conversations?limit=100000").json().get("items"))
                .hasSize(4);
    }

    @Test
    void someoneElsesConversationDoesNotExistForMe() {
        List<UUID> people = users().registerAll(3);
        UUID conversation = conversation(people.get(0), people.get(1));
        UUID message = id(send(people.get(0), conversation, "private"));
        UUID stranger = people.get(2);
        String base = "/api/dm/conversations/" + conversation;

        List<Response> answers = List.of(
                api(stranger).get(base),
                api(stranger).get(base + "/messages"),
                api(stranger).post(base + "/messages", Map.of("content", "let me in")),
                api(stranger).post(base + "/read", Map.of("messageId", message)),
                api(stranger).get("/api/dm/messages/" + message),
                api(stranger).patch("/api/dm/messages/" + message, Map.of("content", "mine now", "version", 1)),
                api(stranger).delete("/api/dm/messages/" + message));
        Set<String> bodies = new HashSet<>();
        for (Response answer : answers) {
            JsonNode problem = assertProblem(answer, 404);
            bodies.add(problem.get("detail").asString());
        }
        assertThat(bodies).as("the same answer as for nothing at all").containsExactly("Not found");
        assertProblem(api(stranger).get("/api/dm/conversations/" + UuidV7.next()), 404);
        assertThat(api(stranger).get("/api/dm/conversations").json().get("items"))
                .isEmpty();
        assertThat(api(people.get(1))
                        .get(base + "/messages")
                        .json()
                        .at("/items/0/content")
                        .asString())
                .isEqualTo("private");
    }

    @Test
    void operationalEndpointsAreOpenTheApiIsDescribedAndEverythingElseNeedsAToken() {
        ApiClient anonymous = ApiClient.local(port);
        assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
        assertThat(anonymous.get("/livez").status()).isEqualTo(200);
        assertProblem(anonymous.get("/actuator/health"), 404); // the actuator is on the management port only
        Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        for (String documented : List.of(
                "/api/dm/conversations",
                "/api/dm/conversations/{conversationId}",
                "/api/dm/conversations/{conversationId}/messages",
                "/api/dm/conversations/{conversationId}/read",
                "/api/dm/messages/{messageId}")) {
            assertThat(paths.has(documented)).as("documented: %s", documented).isTrue();
        }
        assertThat(paths.at("/~1api~1dm~1conversations~1{conversationId}~1messages/post/parameters")
                        .valueStream()
                        .map(p -> p.get("name").asString()))
                .as("the caller and their token come from the Authorization header, not from parameters")
                .containsExactly("conversationId");
        assertProblem(anonymous.get("/api/dm/conversations"), 401);
        assertProblem(anonymous.as("garbage").get("/api/dm/conversations"), 401);
    }
}
