package dev.connectnow.presence;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.events.connection.ConnectionEvents;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.presence.PresenceEvents;
import dev.connectnow.events.workspace.WorkspaceEvents;
import dev.connectnow.presence.support.EventFeed;
import dev.connectnow.presence.support.EventFeed.Membership;
import dev.connectnow.presence.support.EventFeed.Socket;
import dev.connectnow.presence.support.IntegrationTestBase;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.EventCollector.Received;
import dev.connectnow.testkit.EventContracts;
import dev.connectnow.testkit.TestEvents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST API and who may see whom (S2, S24) from the workspace and dm projections; validation of
 * {@code PUT /api/presence/me}; socket ids in no response and no event (S6); routing fields by workspace size
 * (fan-out threshold 3 here).
 */
@TestPropertySource(properties = {"connectnow.presence.fan-out-max-members=3", "connectnow.presence.offline-grace=0s"})
class PresenceApiTest extends IntegrationTestBase {

    private Membership join(UUID workspaceId, UUID userId) {
        Membership membership = EventFeed.newMembership(workspaceId, userId);
        sendProcessed(feed.memberAdded(membership));
        return membership;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void workspaceCoMembersSeeEachOtherAndNobodyElseDoes() {
        UUID workspace = UuidV7.next();
        UUID ada = newUser();
        UUID bob = newUser();
        UUID stranger = newUser();
        join(workspace, ada);
        Membership bobs = join(workspace, bob);

        JsonNode seen = api(ada).get("/api/presence/" + bob).json();
        assertThat(fieldNames(seen)).containsExactlyInAnyOrder("userId", "status", "statusText", "lastActiveAt");
        assertThat(seen.get("userId").asString()).isEqualTo(bob.toString());
        assertThat(seen.get("status").asString()).isEqualTo("OFFLINE"); // never connected: no row needed
        assertThat(seen.get("lastActiveAt").isNull()).isTrue();
        assertThat(api(bob).get("/api/presence/" + ada).status()).isEqualTo(200);
        assertThat(api(ada).get("/api/presence/" + ada).status()).isEqualTo(200);

        // S24: somebody who shares nothing gets the same 404 as for a user that does not exist
        JsonNode hidden = assertProblem(api(stranger).get("/api/presence/" + ada), 404);
        JsonNode missing = assertProblem(api(stranger).get("/api/presence/" + UuidV7.next()), 404);
        assertThat(hidden.get("detail")).isEqualTo(missing.get("detail"));
        assertProblem(api(ada).get("/api/presence/" + stranger), 404);

        // removal ends visibility; a late add of the same membership does not bring it back
        Membership removed = bobs.next();
        sendProcessed(feed.memberRemoved(removed));
        assertProblem(api(ada).get("/api/presence/" + bob), 404);
        sendProcessed(feed.memberAdded(bobs));
        assertProblem(api(bob).get("/api/presence/" + ada), 404);

        // a new membership does; the workspace's deletion ends it for everyone, late events or not
        Membership again = join(workspace, bob);
        assertThat(api(ada).get("/api/presence/" + bob).status()).isEqualTo(200);
        sendProcessed(feed.workspaceDeleted(workspace));
        assertProblem(api(ada).get("/api/presence/" + bob), 404);
        sendProcessed(feed.memberAdded(EventFeed.newMembership(workspace, ada)));
        sendProcessed(feed.memberAdded(again.next()));
        assertProblem(api(bob).get("/api/presence/" + ada), 404);
        assertThat(api(bob).get("/api/presence/me").status()).isEqualTo(200);
    }

    @Test
    void conversationPartnersSeeEachOtherWithoutASharedWorkspace() {
        UUID ada = newUser();
        UUID bob = newUser();
        assertProblem(api(ada).get("/api/presence/" + bob), 404);
        var conversation = feed.conversationCreated(ada, bob);
        sendProcessed(conversation);
        assertThat(api(ada).get("/api/presence/" + bob).status()).isEqualTo(200);
        assertThat(api(bob).get("/api/presence/" + ada).status()).isEqualTo(200);
        feed.send(conversation); // redelivered: one effect, no error
        sendProcessed(feed.conversationCreated(ada, newUser()));
        assertThat(jdbc.queryForObject("select count(*) from dm_partners where user_id = ?", Integer.class, ada))
                .isEqualTo(2);
    }

    @Test
    void aLookupOfSeveralUsersAnswersOnlyTheVisibleOnesInTheOrderAsked() {
        UUID workspace = UuidV7.next();
        UUID viewer = newUser();
        UUID coMember = newUser();
        UUID partner = newUser();
        UUID stranger = newUser();
        join(workspace, viewer);
        join(workspace, coMember);
        sendProcessed(feed.conversationCreated(viewer, partner));
        feed.send(feed.connected(feed.socket(coMember, EventFeed.newInstance())));
        awaitStatus(coMember, "ONLINE");

        JsonNode page = api(viewer)
                .get("/api/presence?userIds=%s,%s,%s,%s,%s".formatted(partner, stranger, coMember, viewer, partner))
                .json();
        List<JsonNode> items =
                StreamSupport.stream(page.get("items").spliterator(), false).toList();
        assertThat(items)
                .extracting(i -> i.get("userId").asString())
                .containsExactly(partner.toString(), coMember.toString(), viewer.toString());
        assertThat(items).extracting(i -> i.get("status").asString()).containsExactly("OFFLINE", "ONLINE", "OFFLINE");
        assertThat(page.get("nextCursor").isNull()).isTrue();
        assertThat(api(stranger).get("/api/presence?userIds=" + viewer).json().get("items"))
                .isEmpty();

        String hundredAndOne =
                IntStream.range(0, 101).mapToObj(i -> UuidV7.next().toString()).collect(Collectors.joining(","));
        assertFieldErrors(api(viewer).get("/api/presence?userIds=" + hundredAndOne), "userIds");
        assertThat(api(viewer)
                        .get("/api/presence?userIds=" + hundredAndOne.substring(37))
                        .status())
                .isEqualTo(200);
        assertProblem(api(viewer).get("/api/presence?userIds="), 400);
        assertProblem(api(viewer).get("/api/presence?userIds=not-a-uuid"), 400);
        assertProblem(api(viewer).get("/api/presence"), 400);
        assertProblem(api(viewer).get("/api/presence/not-a-uuid"), 400);
        assertProblem(ApiClient.local(port).get("/api/presence/" + viewer), 401);
    }

    @Test
    void settingMyStatusAcceptsOnlyOnlineOrBusyAndABoundedSingleLineText() {
        UUID user = newUser();
        String me = "/api/presence/me";
        JsonNode busy = api(user)
                .put(me, Map.of("status", "BUSY", "statusText", "Focus 🎧"))
                .json();
        assertThat(fieldNames(busy)).containsExactlyInAnyOrder("userId", "status", "statusText", "lastActiveAt");

        List<Object> refused = new ArrayList<>();
        refused.add(Map.of("status", "AWAY"));
        refused.add(Map.of("status", "OFFLINE"));
        refused.add(Map.of("status", "busy"));
        refused.add(Map.of("status", 1));
        refused.add(nullStatus());
        refused.add(Map.of("statusText", "🎧".repeat(101)));
        refused.add(Map.of("statusText", "two\nlines"));
        refused.add(Map.of("statusText", "nul\u0000"));
        refused.add(Map.of("socketIds", List.of(UuidV7.next().toString())));
        refused.add(Map.of("userId", newUser().toString()));
        refused.add(List.of("BUSY"));
        for (Object body : refused) {
            ApiClient.Response response = api(user).put(me, body);
            assertThat(response.status()).as("%s -> %s", body, response).isEqualTo(400);
        }
        assertFieldErrors(api(user).put(me, Map.of("statusText", "x".repeat(101))), "statusText");
        assertFieldErrors(api(user).put(me, nullStatus()), "status");
        assertThat(api(user).put(me, Map.of("status", "AWAY")).text("/detail")).contains("'status'");
        JsonNode unchanged = api(user).get(me).json();
        assertThat(unchanged.get("statusText").asString()).isEqualTo("Focus 🎧");

        // 100 code points (200 UTF-16 units) fit; text absent = unchanged; status absent = unchanged
        String hundredEmoji = "🎧".repeat(100);
        assertThat(api(user)
                        .put(me, Map.of("statusText", hundredEmoji))
                        .json()
                        .get("statusText")
                        .asString())
                .isEqualTo(hundredEmoji);
        feed.send(feed.connected(feed.socket(user, EventFeed.newInstance())));
        awaitStatus(user, "BUSY");
        JsonNode online = api(user).put(me, Map.of("status", "ONLINE")).json();
        assertThat(online.get("status").asString()).isEqualTo("ONLINE");
        assertThat(online.get("statusText").asString()).isEqualTo(hundredEmoji);
        Map<String, Object> clear = new HashMap<>();
        clear.put("statusText", null);
        assertThat(api(user).put(me, clear).json().get("statusText").isNull()).isTrue();
        assertThat(api(user)
                        .put(me, Map.of("statusText", ""))
                        .json()
                        .get("statusText")
                        .isNull())
                .isTrue();
        assertThat(api(user).put(me, Map.of()).json().get("status").asString()).isEqualTo("ONLINE");

        // every accepted change that clients can see was announced once; the empty body announced nothing
        List<Received> events = trail.exactly(user, 5);
        assertThat(events)
                .extracting(r ->
                        r.data().path("status").asString() + "|" + text(r.data().path("statusText")))
                .containsExactly(
                        "OFFLINE|Focus 🎧",
                        "OFFLINE|" + hundredEmoji,
                        "BUSY|" + hundredEmoji,
                        "ONLINE|" + hundredEmoji,
                        "ONLINE|");
    }

    private static String text(JsonNode node) {
        return node.isNull() ? "" : node.asString();
    }

    private static Map<String, Object> nullStatus() {
        Map<String, Object> body = new HashMap<>();
        body.put("status", null);
        return body;
    }

    @Test
    void eventsCarryRoutingFieldsByWorkspaceSizeAndNoSocketIds() {
        UUID small = UuidV7.next();
        UUID large = UuidV7.next();
        UUID user = newUser();
        join(small, user);
        join(large, user);
        for (int i = 0; i < 3; i++) {
            join(large, newUser()); // 4 members: above the threshold of 3
        }
        join(small, newUser());

        Socket socket = feed.socket(user, EventFeed.newInstance());
        feed.send(feed.connected(socket));
        awaitStatus(user, "ONLINE");

        Received event = trail.exactly(user, 1).get(0);
        assertThat(event.key()).isEqualTo(user.toString());
        assertThat(event.envelope().get("source").asString()).isEqualTo("/presence-service");
        assertThat(fieldNames(event.data()))
                .containsExactlyInAnyOrder(
                        "userId", "status", "statusText", "lastActiveAt", "workspaceIds", "fanOutWorkspaceIds");
        assertThat(event.data().get("workspaceIds"))
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder(small.toString(), large.toString());
        assertThat(event.data().get("fanOutWorkspaceIds"))
                .extracting(JsonNode::asString)
                .containsExactly(small.toString());

        // S6: the socket id is in no response and no event
        String socketId = socket.socketId().toString();
        assertThat(event.value()).doesNotContain(socketId);
        assertThat(api(user).get("/api/presence/me").body()).doesNotContain(socketId);
        assertThat(api(user).get("/api/presence?userIds=" + user).body()).doesNotContain(socketId);
        assertThat(api(user).put("/api/presence/me", Map.of("statusText", "x")).body())
                .doesNotContain(socketId);
        assertThat(ApiClient.local(port).get("/v3/api-docs").body()).doesNotContain("socketIds");
    }

    @Test
    void theRoutingFollowsTheWorkspaceSizeAsMembersComeAndGoAndADeletedWorkspaceRoutesNothing() {
        UUID workspace = UuidV7.next();
        UUID user = newUser();
        join(workspace, user);
        Membership second = join(workspace, newUser());
        join(workspace, newUser());
        // a newer revision of a live membership (a role change) and a late older one are no new members
        Membership secondUpdated = second.next();
        sendProcessed(feed.memberAdded(secondUpdated));
        sendProcessed(feed.memberAdded(second));

        feed.send(feed.connected(feed.socket(user, EventFeed.newInstance())));
        awaitStatus(user, "ONLINE"); // 3 members, at the threshold of 3: pushed to co-members

        join(workspace, newUser()); // 4: above
        api(user).put("/api/presence/me", Map.of("status", "BUSY"));
        sendProcessed(feed.memberRemoved(secondUpdated.next())); // 3 again
        api(user).put("/api/presence/me", Map.of("status", "ONLINE"));
        sendProcessed(feed.workspaceDeleted(workspace));
        api(user).put("/api/presence/me", Map.of("status", "BUSY"));

        List<Received> events = trail.exactly(user, 4);
        assertThat(events)
                .extracting(r -> r.data().path("status").asString()
                        + " routed " + r.data().path("workspaceIds").size()
                        + " pushed " + r.data().path("fanOutWorkspaceIds").size())
                .containsExactly(
                        "ONLINE routed 1 pushed 1",
                        "BUSY routed 1 pushed 0",
                        "ONLINE routed 1 pushed 1",
                        "BUSY routed 0 pushed 0");
        assertThat(events.get(0).data().path("fanOutWorkspaceIds").get(0).asString())
                .isEqualTo(workspace.toString());
    }

    @Test
    void theGoldenEventsOfOtherContextsDriveTheRealListenersAndPresenceMatchesItsGoldenDocument() {
        // golden documents (platform/events): USER's SOCKET on INSTANCE; OTHER_USER member of WORKSPACE; a DM
        ObjectNode connected = EventContracts.goldenTree(ConnectionEvents.SOCKET_CONNECTED);
        ObjectNode expected = EventContracts.goldenTree(PresenceEvents.UPDATED);
        UUID user = UUID.fromString(connected.at("/data/userId").asString());
        UUID socket = UUID.fromString(connected.at("/data/socketId").asString());
        String instance = connected.at("/data/instanceId").asString();
        Instant time = Instant.parse(connected.at("/data/connectedAt").asString());
        clock.set(time); // the golden connect is fresh, not a week-old replay

        ObjectNode otherJoined = EventContracts.goldenTree(WorkspaceEvents.MEMBER_ADDED);
        UUID other = UUID.fromString(otherJoined.at("/data/userId").asString());
        sendProcessedTree(otherJoined);
        ObjectNode userJoined = otherJoined.deepCopy();
        ((ObjectNode) userJoined.get("data"))
                .put("userId", user.toString())
                .put("membershipId", UuidV7.next().toString());
        sendProcessedTree(withNewId(userJoined));
        sendProcessedTree(EventContracts.goldenTree(DmEvents.CONVERSATION_CREATED));

        String statusText = expected.at("/data/statusText").asString();
        assertThat(api(user)
                        .put("/api/presence/me", Map.of("status", "BUSY", "statusText", statusText))
                        .status())
                .isEqualTo(200);
        TestEvents.send(connected);
        awaitStatus(user, "BUSY");
        Received busy = trail.exactly(user, 2).get(1);
        assertThat(busy.data()).isEqualTo(expected.get("data"));
        for (String attribute : List.of("specversion", "type", "source", "subject", "time", "datacontenttype")) {
            assertThat(busy.envelope().get(attribute)).as(attribute).isEqualTo(expected.get(attribute));
        }
        assertThat(busy.key()).isEqualTo(user.toString());

        TestEvents.sendGolden(ConnectionEvents.SOCKET_ACTIVITY);
        TestEvents.sendGolden(ConnectionEvents.INSTANCE_HEARTBEAT);
        awaitHeartbeatApplied(instance, time);
        assertThat(socketState(socket)).isEqualTo("LIVE");
        TestEvents.sendGolden(ConnectionEvents.SOCKET_DISCONNECTED);
        awaitStatus(user, "OFFLINE");
        assertThat(socketState(socket)).isEqualTo("DISCONNECTED");

        // OTHER_USER leaves the workspace and it is deleted: the DM alone keeps them visible to each other
        sendProcessedTree(withNewId(EventContracts.goldenTree(WorkspaceEvents.MEMBER_REMOVED)));
        sendProcessedTree(withNewId(EventContracts.goldenTree(WorkspaceEvents.MEMBER_UPDATED)));
        assertThat(jdbc.queryForObject(
                        "select removed from workspace_memberships where user_id = ?", Boolean.class, other))
                .isTrue();
        sendProcessedTree(withNewId(EventContracts.goldenTree(WorkspaceEvents.DELETED)));
        assertThat(api(other).get("/api/presence/" + user).json().get("status").asString())
                .isEqualTo("OFFLINE");
        api(user).put("/api/presence/me", Map.of("statusText", "Back at 3"));
        List<Received> events = trail.exactly(user, 4);
        assertThat(events)
                .extracting(r -> r.data().path("status").asString())
                .containsExactly("OFFLINE", "BUSY", "OFFLINE", "OFFLINE");
        assertThat(events.get(3).data().get("workspaceIds")).isEmpty();
        assertThat(events.get(3).data().get("fanOutWorkspaceIds")).isEmpty();
    }

    private void sendProcessedTree(ObjectNode envelope) {
        TestEvents.send(envelope);
        awaitProcessed(
                envelope.get("type").asString(),
                UUID.fromString(envelope.get("id").asString()));
    }

    /** The golden documents share one event id: a second one for the same consumer needs its own. */
    private static ObjectNode withNewId(ObjectNode envelope) {
        return envelope.put("id", UuidV7.next().toString());
    }
}
