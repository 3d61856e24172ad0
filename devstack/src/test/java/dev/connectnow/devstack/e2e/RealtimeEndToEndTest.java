package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.WsClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realtime journeys through the gateway, with real WebSocket clients, against the shared platform whose
 * realtime tier runs two instances: a message posted over REST reaches the members' sockets live and nobody
 * else's, wherever they are connected; removal from a channel stops its events; logging out closes that
 * session's socket; typing; a dropped socket resumes with exactly the events it missed, on the instance that
 * holds its session; and when that instance was killed, the resume URL answers INVALID_SESSION at once and
 * REST catches the client up.
 *
 * <p>"Nobody else" is checked with a barrier: a later event the outsider does receive. Events of different
 * channels are not ordered, so a barrier can at worst miss a leak, never fail a correct delivery; the strict
 * checks live in realtime-service's RoutingIT.
 */
@EndToEndTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealtimeEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private E2ePlatform platform;
    private ApiClient gateway;

    @BeforeAll
    void connect(E2ePlatform platform) {
        this.platform = platform;
        this.gateway = platform.gateway();
        assertThat(platform.instances("realtime-service")).hasSize(2);
    }

    /** Three users of a public workspace: Ada created it and a public channel; Bob and Eve joined both. */
    private record Team(User ada, User bob, User eve, String workspaceId, String channelId) {}

    private record User(String token, String id) {}

    @Test
    void aMessagePostedOverRestReachesTheMembersOfAPrivateChannelLiveAndNoOneElse() {
        Team team = team();
        String secret = privateChannel(team, team.bob());
        try (WsClient ada = identified(team.ada());
                WsClient bob = identified(team.bob());
                WsClient eve = identified(team.eve())) {
            String posted = post(team.ada(), secret, "psst, only for members");

            for (WsClient member : List.of(ada, bob)) {
                JsonNode event = member.awaitEvent("message.created", idIs(posted));
                assertThat(event.path("d").path("channelId").asString()).isEqualTo(secret);
                assertThat(event.path("d").path("content").asString()).isEqualTo("psst, only for members");
                assertThat(event.has("s")).isTrue();
            }
            String barrier = post(team.ada(), team.channelId(), "hello everyone");
            eve.awaitEvent("message.created", idIs(barrier));
            assertThat(eve.events("message.created"))
                    .as("Eve is in the workspace but not in the private channel")
                    .extracting(e -> e.path("d").path("id").asString())
                    .containsExactly(barrier);
        }
    }

    @Test
    void removalFromAChannelStopsItsEvents() {
        Team team = team();
        String secret = privateChannel(team, team.bob());
        try (WsClient ada = identified(team.ada());
                WsClient bob = identified(team.bob())) {
            String before = post(team.ada(), secret, "before the removal");
            bob.awaitEvent("message.created", idIs(before));

            ApiClient.Response removed = gateway.as(team.ada().token())
                    .delete("/api/channels/" + secret + "/members/" + team.bob().id());
            assertThat(removed.status()).as("%s", removed).isEqualTo(204);
            bob.awaitEvent(
                    "channel.member.removed",
                    e -> e.path("d").path("userId").asString().equals(team.bob().id()));
            String after = post(team.ada(), secret, "after the removal");
            ada.awaitEvent("message.created", idIs(after));
            String barrier = post(team.ada(), team.channelId(), "still in the public channel");

            bob.awaitEvent("message.created", idIs(barrier));
            assertThat(bob.events("message.created"))
                    .extracting(e -> e.path("d").path("id").asString())
                    .containsExactly(before, barrier);
        }
    }

    @Test
    void loggingOutClosesThatSessionsSocketWith4003AndLeavesTheOtherDevice() {
        User ada = user("Ada");
        ApiClient.Response login =
                gateway.post("/api/auth/login", Map.of("login", username(ada), "password", E2ePlatform.PASSWORD));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        String laptopToken = login.text("/accessToken");
        try (WsClient phone = identified(ada);
                WsClient laptop = WsClient.connect(wsUrl())) {
            laptop.identify(laptopToken);

            ApiClient.Response loggedOut = gateway.as(ada.token()).post("/api/auth/logout", Map.of());
            assertThat(loggedOut.status()).as("%s", loggedOut).isEqualTo(204);

            assertThat(phone.awaitClose().code()).isEqualTo(4003);
            laptop.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(laptop.closeStatus())
                    .as("the laptop's session was not revoked")
                    .isEmpty();
            // the revoked session's token cannot open a socket either
            try (WsClient again = WsClient.connect(wsUrl())) {
                again.send("IDENTIFY", Map.of("token", ada.token()));
                assertThat(again.awaitClose().code()).isEqualTo(4003);
            }
        }
    }

    @Test
    void typingReachesTheOtherMemberAndNotTheTypist() {
        Team team = team();
        try (WsClient ada = identified(team.ada());
                WsClient bob = identified(team.bob())) {
            ada.typing(team.channelId());

            JsonNode typing = bob.awaitEvent(
                    "typing.started",
                    e -> e.path("d").path("channelId").asString().equals(team.channelId()));
            assertThat(typing.path("d").path("userId").asString())
                    .isEqualTo(team.ada().id());
            assertThat(typing.has("s")).as("typing is ephemeral: no sequence").isFalse();
            ada.heartbeat().awaitOp("HEARTBEAT_ACK");
            assertThat(ada.events("typing.started"))
                    .as("the typist is not told")
                    .isEmpty();
        }
    }

    @Test
    void aDroppedSocketResumesWithExactlyTheMessagesItMissedInOrder() {
        Team team = team();
        WsClient ada = WsClient.connect(wsUrl());
        JsonNode ready = ada.identify(team.ada().token());
        String seenMessage = post(team.bob(), team.channelId(), "before the drop");
        long seen =
                ada.awaitEvent("message.created", idIs(seenMessage)).path("s").asLong();
        ada.abort();

        List<String> missed = new ArrayList<>();
        for (String content : List.of("missed one", "missed two", "missed three")) {
            missed.add(post(team.bob(), team.channelId(), content));
        }
        try (WsClient resumed = WsClient.connect(resumeUrl(ready))) {
            JsonNode answer =
                    resumed.resume(team.ada().token(), ready.path("sessionId").asString(), seen);

            assertThat(answer.path("op").asString()).as(resumed.describe()).isEqualTo("RESUMED");
            // the replay holds what reached the instance before the RESUME; a post whose event was still on its
            // way (outbox, Kafka) follows RESUMED live — either way once, in order, with the next s
            resumed.awaitEvent("message.created", idIs(missed.get(missed.size() - 1)));
            assertThat(resumed.events("message.created"))
                    .extracting(e -> e.path("d").path("id").asString())
                    .containsExactlyElementsOf(missed);
            assertThat(resumed.events())
                    .extracting(e -> e.path("s").asLong())
                    .containsExactly(seen + 1, seen + 2, seen + 3);

            String live = post(team.bob(), team.channelId(), "live again");
            assertThat(resumed.awaitEvent("message.created", idIs(live))
                            .path("s")
                            .asLong())
                    .isEqualTo(seen + 4);
        }
    }

    @Test
    void withTwoInstancesEveryResumeLandsOnTheInstanceHoldingItsSession() {
        Team team = team();
        // new sockets are spread over both instances; keep opening until each holds a session
        List<WsClient> sockets = new ArrayList<>();
        List<JsonNode> readies = new ArrayList<>();
        try {
            Await.until("sessions on both realtime instances", () -> {
                WsClient socket = WsClient.connect(wsUrl());
                sockets.add(socket);
                readies.add(socket.identify(team.ada().token()));
                return readies.stream()
                                .map(RealtimeEndToEndTest::instanceKey)
                                .distinct()
                                .count()
                        == 2;
            });
            String seenByAll = post(team.bob(), team.channelId(), "seen by every session");
            for (WsClient socket : sockets) {
                socket.awaitEvent("message.created", idIs(seenByAll));
            }
            long[] seen = sockets.stream().mapToLong(WsClient::lastSeq).toArray();
            sockets.forEach(WsClient::abort);
            String missed = post(team.bob(), team.channelId(), "while every socket was away");

            for (int i = 0; i < readies.size(); i++) {
                JsonNode ready = readies.get(i);
                try (WsClient resumed = WsClient.connect(resumeUrl(ready))) {
                    JsonNode answer = resumed.resume(
                            team.ada().token(), ready.path("sessionId").asString(), seen[i]);
                    assertThat(answer.path("op").asString())
                            .as("session on %s: %s", instanceKey(ready), resumed.describe())
                            .isEqualTo("RESUMED");
                    // replayed, or live right after RESUMED if its event reached the instance after the RESUME
                    resumed.awaitEvent("message.created", idIs(missed));
                    assertThat(resumed.events())
                            .extracting(e -> e.path("d").path("id").asString())
                            .containsExactly(missed);
                }
            }
        } finally {
            sockets.forEach(WsClient::close);
        }
    }

    @Test
    void whenTheOwningInstanceWasKilledTheResumeUrlAnswersInvalidSessionAndRestCatchesUp() {
        Team team = team();
        WsClient ada = WsClient.connect(wsUrl());
        JsonNode ready = ada.identify(team.ada().token());
        ServiceProcess owner = instanceWithKey(instanceKey(ready));
        try {
            owner.kill();
            ada.awaitClose();
            String missed = post(team.bob(), team.channelId(), "after the crash");

            // the killed instance is still registered in Eureka: the gateway must not send the resume there
            try (WsClient resumed = WsClient.connect(resumeUrl(ready))) {
                JsonNode answer = resumed.resume(
                        team.ada().token(), ready.path("sessionId").asString(), 0);
                assertThat(answer.path("op").asString()).as(resumed.describe()).isEqualTo("INVALID_SESSION");

                JsonNode again = resumed.identify(team.ada().token());
                assertThat(instanceKey(again)).isNotEqualTo(instanceKey(ready));
                // the REST catch-up of docs/realtime.md: the newest page of the channel has what was missed
                // (beside the channel's "joined" SYSTEM messages, which message-service may write after it)
                ApiClient.Response page =
                        gateway.as(team.ada().token()).get("/api/channels/" + team.channelId() + "/messages");
                assertThat(page.status()).as("%s", page).isEqualTo(200);
                assertThat(page.json().path("items"))
                        .extracting(item -> item.path("id").asString())
                        .contains(missed);
            }
        } finally {
            ada.close();
            // later journeys (and classes) expect two instances again
            platform.startInstance("realtime-service");
        }
    }

    // ------------------------------------------------------------------ journeys' steps

    private Team team() {
        User ada = user("Ada");
        User bob = user("Bob");
        User eve = user("Eve");
        ApiClient.Response workspace = untilNot503(() -> {
            String slug = "rt-" + UUID.randomUUID().toString().substring(0, 8);
            return gateway.as(ada.token())
                    .post("/api/workspaces", Map.of("name", "Realtime " + slug, "slug", slug, "isPublic", true));
        });
        assertThat(workspace.status()).as("%s", workspace).isEqualTo(201);
        String workspaceId = workspace.text("/id");
        for (User member : List.of(bob, eve)) {
            ApiClient.Response joined = untilNot503(
                    () -> gateway.as(member.token()).post("/api/workspaces/" + workspaceId + "/join", Map.of()));
            assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        }
        String channelId = channel(ada, workspaceId, "general", false);
        // channel-service learns workspace members from workspace events
        for (User member : List.of(bob, eve)) {
            Await.until(
                    "a workspace member can join the channel",
                    () -> gateway.as(member.token())
                                    .post("/api/channels/" + channelId + "/join", Map.of())
                                    .status()
                            == 200);
        }
        return new Team(ada, bob, eve, workspaceId, channelId);
    }

    /**
     * A new channel; returns its id. channel-service learns the workspace from workspace events, so it may
     * answer 404 for a workspace created a moment ago.
     */
    private String channel(User owner, String workspaceId, String name, boolean isPrivate) {
        ApiClient.Response created = Await.until(
                "channel-service knows the workspace",
                () -> gateway.as(owner.token())
                        .post(
                                "/api/workspaces/" + workspaceId + "/channels",
                                Map.of(
                                        "name",
                                        name + "-"
                                                + UUID.randomUUID().toString().substring(0, 8),
                                        "type",
                                        "TEXT",
                                        "isPrivate",
                                        isPrivate)),
                response -> response.status() != 404 && response.status() != 503);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("/id");
    }

    /** A private channel of Ada's with {@code member} added; returns its id. */
    private String privateChannel(Team team, User member) {
        String channelId = channel(team.ada(), team.workspaceId(), "secret", true);
        ApiClient.Response added = untilNot503(() -> gateway.as(team.ada().token())
                .post("/api/channels/" + channelId + "/members", Map.of("userId", member.id())));
        assertThat(added.status()).as("%s", added).isEqualTo(201);
        return channelId;
    }

    /**
     * Posts a message through the gateway and returns its id. message-service learns channels and members from
     * channel events, so the first post to a new channel may be refused until they arrived.
     */
    private String post(User author, String channelId, String content) {
        ApiClient.Response posted = Await.until(
                "message-service knows the channel and its author",
                () -> gateway.as(author.token())
                        .post("/api/channels/" + channelId + "/messages", Map.of("content", content)),
                response -> response.status() != 404 && response.status() != 403 && response.status() != 503);
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
        return posted.text("/id");
    }

    /** A new user; a 503 (a loaded machine can exceed the gateway's time limit) is retried as a client would. */
    private User user(String name) {
        String token = Await.until(
                "registered " + name,
                () -> {
                    try {
                        return platform.registerUser(name);
                    } catch (AssertionError unavailable) {
                        if (unavailable.getMessage().contains(" 503 ")) {
                            return null;
                        }
                        throw unavailable;
                    }
                },
                java.util.Objects::nonNull);
        return new User(token, gateway.as(token).get("/api/users/me").text("/id"));
    }

    /** As a client does on 503 + Retry-After: asks again. Only for calls whose repetition is harmless. */
    private static ApiClient.Response untilNot503(java.util.concurrent.Callable<ApiClient.Response> call) {
        return Await.until("an answer other than 503", call, response -> response.status() != 503);
    }

    private String username(User user) {
        return gateway.as(user.token()).get("/api/users/me").text("/username");
    }

    private static Predicate<JsonNode> idIs(String id) {
        return e -> e.path("d").path("id").asString().equals(id);
    }

    private URI wsUrl() {
        return URI.create(platform.gatewayUrl().replaceFirst("^http", "ws") + "/ws");
    }

    private static URI resumeUrl(JsonNode ready) {
        return URI.create(ready.path("resumeUrl").asString());
    }

    private WsClient identified(User user) {
        WsClient socket = WsClient.connect(wsUrl());
        socket.identify(user.token());
        return socket;
    }

    private static String instanceKey(JsonNode ready) {
        String url = ready.path("resumeUrl").asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** The realtime process whose Eureka registration carries this instance key as its {@code hint}. */
    private ServiceProcess instanceWithKey(String key) {
        String apps = platform.platform().config().discoveryUrl() + "/eureka/apps/REALTIME-SERVICE";
        JsonNode registry = JSON.readTree(ApiClient.at(apps)
                .withHeader("Accept", "application/json")
                .get("")
                .body());
        for (JsonNode instance : registry.path("application").path("instance")) {
            if (instance.path("metadata").path("hint").asString().equals(key)) {
                int port = instance.path("port").path("$").asInt();
                return platform.instances("realtime-service").stream()
                        .filter(process -> process.port() == port)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no running instance on port " + port));
            }
        }
        throw new AssertionError("no realtime instance registered with key " + key + ": " + registry);
    }
}
