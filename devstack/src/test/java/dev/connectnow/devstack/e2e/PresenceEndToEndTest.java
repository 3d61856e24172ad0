package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Presence through the whole platform: presence-service behind the gateway, its visibility fed by
 * workspace-service's member events; sockets on realtime-service, connection events to presence-service,
 * {@code presence.updated} back through realtime-service to a co-member's socket, and the REST view through the
 * gateway. The platform runs realtime's instance heartbeat every 2 s and presence's lease at 6 s (E2ePlatform),
 * so the journey that kills an instance stays short.
 */
@EndToEndTest
class PresenceEndToEndTest {

    /**
     * Upper bound for a presence change to reach a socket: presence-service's lease on the e2e platform is 6 s
     * (max(6 s, 3 × the 2 s heartbeat interval)) and its offline grace 5 s; the rest is a loaded machine.
     */
    private static final Duration PRESENCE = Duration.ofSeconds(60);

    /** Upper bound for the gateway to route a socket to a wanted instance (its registry copy must have it). */
    private static final Duration SOCKET_ROUTING = Duration.ofSeconds(120);

    @Test
    void coMembersReadEachOthersPresenceThroughTheGatewayAndStrangersLearnNothing(E2ePlatform platform) {
        Pair pair = coMembers(platform);
        ApiClient ada = platform.gateway().as(pair.adaToken());
        ApiClient bob = platform.gateway().as(pair.bobToken());

        ApiClient.Response chosen = bob.put("/api/presence/me", Map.of("status", "BUSY", "statusText", "In a meeting"));
        assertThat(chosen.status()).as("%s", chosen).isEqualTo(200);

        // presence-service learns that they share a workspace from workspace-service's member events
        ApiClient.Response seen = Await.until(
                "Ada may see Bob's presence", () -> ada.get("/api/presence/" + pair.bobId()), r -> r.status() == 200);
        assertThat(seen.text("/status"))
                .as("without a socket BUSY waits for the next connection")
                .isEqualTo("OFFLINE");
        assertThat(seen.text("/statusText")).isEqualTo("In a meeting");

        String strangerToken = platform.registerUser("Stranger");
        String strangerId =
                platform.gateway().as(strangerToken).get("/api/users/me").text("/id");
        JsonNode items = ada.get("/api/presence?userIds=" + strangerId + "," + pair.bobId())
                .json()
                .get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("userId").asString()).isEqualTo(pair.bobId());

        ApiClient.Response hidden = platform.gateway().as(strangerToken).get("/api/presence/" + pair.bobId());
        assertThat(hidden.status()).as("%s", hidden).isEqualTo(404);
        assertThat(platform.gateway().get("/api/presence/" + pair.bobId()).status())
                .isEqualTo(401);
    }

    @Test
    void aCoMemberSeesTheOtherGoOfflineWhenTheirLastSocketCloses(E2ePlatform platform) {
        Pair pair = coMembers(platform);
        try (WsClient ada = throughGateway(platform, pair.adaToken(), ready -> true);
                WsClient bob = throughGateway(platform, pair.bobToken(), ready -> true)) {

            JsonNode online = awaitPresence(ada, pair.bobId(), "ONLINE", platform);
            assertThat(fieldNames(online.path("d")))
                    .as("routing fields stripped, no socket ids")
                    .containsExactlyInAnyOrder("userId", "status", "statusText", "lastActiveAt");

            bob.close();
            JsonNode offline = awaitPresence(ada, pair.bobId(), "OFFLINE", platform);
            assertThat(offline.path("d").path("lastActiveAt").isNull()).isFalse();
        }
        ApiClient.Response rest = platform.gateway().as(pair.adaToken()).get("/api/presence/" + pair.bobId());
        assertThat(rest.status()).as("%s", rest).isEqualTo(200);
        assertThat(rest.text("/status")).isEqualTo("OFFLINE");
        String stranger = platform.registerUser("Stranger");
        assertThat(platform.gateway()
                        .as(stranger)
                        .get("/api/presence/" + pair.bobId())
                        .status())
                .isEqualTo(404);
    }

    /**
     * A third realtime instance joins, Bob's only socket reaches it through the gateway, and it is killed: no close
     * frame, no disconnect event, no stopping heartbeat. Only its silent heartbeat tells presence-service, which
     * takes Bob OFFLINE once the lease ran out. The platform's two usual instances are never touched, so later
     * journeys find them as they were.
     */
    @Test
    void aRealtimeInstanceKilledWithoutClosingItsSocketsTakesItsUsersOfflineWithinTheLease(E2ePlatform platform) {
        Pair pair = coMembers(platform);
        ServiceProcess doomed = platform.startInstance("realtime-service");
        // its key, from a READY straight from it (a just-started instance may refuse with 4013 until it reaches the
        // owning services through its own registry copy: retried)
        String doomedKey = Await.await("the new realtime instance answers READY")
                .atMost(SOCKET_ROUTING)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> readyKey(doomed, pair.adaToken()), key -> key != null);
        Predicate<JsonNode> onDoomed = ready -> instanceKey(ready).equals(doomedKey);
        // Bob's sockets on the other instances stay open until one reached the doomed instance, so he is never
        // without a socket before the kill: no OFFLINE can be announced early
        Map<String, WsClient> bobsOthers = new HashMap<>();
        try (WsClient ada = throughGateway(platform, pair.adaToken(), onDoomed.negate());
                WsClient bob = throughGateway(platform, pair.bobToken(), onDoomed, bobsOthers)) {
            awaitPresence(ada, pair.bobId(), "ONLINE", platform);
            bobsOthers.values().forEach(WsClient::close);

            doomed.kill(); // kill -9
            JsonNode offline = awaitPresence(ada, pair.bobId(), "OFFLINE", platform);
            assertThat(offline.path("d").path("lastActiveAt").isNull()).isFalse();
            assertThat(ada.events("presence.updated").stream()
                            .filter(presenceOf(pair.bobId(), "OFFLINE"))
                            .count())
                    .as("announced once")
                    .isEqualTo(1);
        } finally {
            bobsOthers.values().forEach(WsClient::close);
            if (doomed.isAlive()) {
                doomed.kill();
            }
        }
        assertThat(platform.gateway()
                        .as(pair.adaToken())
                        .get("/api/presence/" + pair.bobId())
                        .text("/status"))
                .isEqualTo("OFFLINE");
        assertThat(platform.instances("realtime-service")).hasSize(2);
    }

    private record Pair(String adaToken, String bobToken, String adaId, String bobId) {}

    /** Ada creates a workspace and Bob joins it: a small workspace, so presence reaches co-members unasked. */
    private static Pair coMembers(E2ePlatform platform) {
        String adaToken = platform.registerUser("Ada");
        String bobToken = platform.registerUser("Bob");
        ApiClient ada = platform.gateway().as(adaToken);
        ApiClient bob = platform.gateway().as(bobToken);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response workspace = ada.post(
                "/api/workspaces",
                Map.of("name", "Presence " + suffix, "slug", "presence-" + suffix, "isPublic", false));
        assertThat(workspace.status()).as("%s", workspace).isEqualTo(201);
        ApiClient.Response joined =
                bob.post("/api/workspaces/join", Map.of("inviteCode", workspace.text("/inviteCode")));
        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
        return new Pair(
                adaToken,
                bobToken,
                ada.get("/api/users/me").text("/id"),
                bob.get("/api/users/me").text("/id"));
    }

    private static WsClient throughGateway(E2ePlatform platform, String token, Predicate<JsonNode> wanted) {
        Map<String, WsClient> unwanted = new HashMap<>();
        try {
            return throughGateway(platform, token, wanted, unwanted);
        } finally {
            unwanted.values().forEach(WsClient::close);
        }
    }

    /**
     * A socket through the gateway, identified, whose READY is {@code wanted} (e.g. on a given instance). The
     * first unwanted socket on each instance stays open in {@code unwanted} (by instance key) for the caller to
     * close. A new instance is routed to once the gateway's registry copy has it, and a journey before may just
     * have killed an instance the copy still lists: failed attempts are retried.
     */
    private static WsClient throughGateway(
            E2ePlatform platform, String token, Predicate<JsonNode> wanted, Map<String, WsClient> unwanted) {
        return Await.await("a socket through the gateway reaches READY where wanted")
                .atMost(SOCKET_ROUTING)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> attempt(platform, token, wanted, unwanted), socket -> socket != null);
    }

    private static WsClient attempt(
            E2ePlatform platform, String token, Predicate<JsonNode> wanted, Map<String, WsClient> unwanted) {
        WsClient socket = null;
        try {
            socket = WsClient.connect(socketUrl(platform.gatewayUrl()));
            JsonNode ready = socket.identify(token);
            if (wanted.test(ready)) {
                return socket;
            }
            if (unwanted.putIfAbsent(instanceKey(ready), socket) == null) {
                return null;
            }
        } catch (AssertionError | RuntimeException e) {
            // refused or not READY in time: the next attempt may reach a live instance
        }
        if (socket != null) {
            socket.close();
        }
        return null;
    }

    /** The instance key in a READY answered by {@code instance} itself, or null if it did not answer READY. */
    private static String readyKey(ServiceProcess instance, String token) {
        try (WsClient probe = WsClient.connect(socketUrl(instance.url()))) {
            return instanceKey(probe.identify(token));
        } catch (AssertionError | RuntimeException e) {
            return null;
        }
    }

    /** The presence change reaches the socket: the outbox, Kafka and realtime-service on a loaded machine. */
    private static JsonNode awaitPresence(WsClient socket, String userId, String status, E2ePlatform platform) {
        return socket.await(
                        f -> isEvent(f, "presence.updated")
                                && presenceOf(userId, status).test(f),
                        PRESENCE)
                .orElseThrow(() -> new AssertionError(userId + " not " + status + " at the co-member's socket within "
                        + PRESENCE.toSeconds() + " s; received " + socket.describe() + "; logs in "
                        + platform.logDir()));
    }

    private static String instanceKey(JsonNode ready) {
        String url = ready.path("resumeUrl").asString();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private static Predicate<JsonNode> presenceOf(String userId, String status) {
        return frame -> frame.path("d").path("userId").asString().equals(userId)
                && frame.path("d").path("status").asString().equals(status);
    }

    private static boolean isEvent(JsonNode frame, String type) {
        return frame.path("op").asString().equals("EVENT")
                && frame.path("t").asString().equals(type);
    }

    private static URI socketUrl(String httpUrl) {
        return URI.create(httpUrl.replaceFirst("^http", "ws") + "/ws");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
