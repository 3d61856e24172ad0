package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.devstack.ServiceProcess;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.WsClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
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

    /** presence-service's lease on the e2e platform: max(6 s, 3 × the 2 s heartbeat interval). */
    private static final Duration LEASE = Duration.ofSeconds(6);

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
        try (WsClient ada = identifiedThroughGateway(platform, pair.adaToken());
                WsClient bob = identifiedThroughGateway(platform, pair.bobToken())) {

            JsonNode online = ada.awaitEvent("presence.updated", presenceOf(pair.bobId(), "ONLINE"));
            assertThat(fieldNames(online.path("d")))
                    .as("routing fields stripped, no socket ids")
                    .containsExactlyInAnyOrder("userId", "status", "statusText", "lastActiveAt");

            bob.close();
            JsonNode offline = ada.awaitEvent("presence.updated", presenceOf(pair.bobId(), "OFFLINE"));
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

    @Test
    void aRealtimeInstanceKilledWithoutClosingItsSocketsTakesItsUsersOfflineWithinTheLease(E2ePlatform platform) {
        Pair pair = coMembers(platform);
        ServiceProcess survivor = platform.instances("realtime-service").get(0);
        ServiceProcess doomed = platform.startInstance("realtime-service");
        try (WsClient ada = WsClient.connect(socketUrl(survivor.url()));
                WsClient bob = WsClient.connect(socketUrl(doomed.url()))) {
            ada.identify(pair.adaToken());
            bob.identify(pair.bobToken());
            ada.awaitEvent("presence.updated", presenceOf(pair.bobId(), "ONLINE"));

            doomed.kill(); // kill -9: no close frames, no disconnect events, no stopping heartbeat
            JsonNode offline = ada.await(
                            f -> isEvent(f, "presence.updated")
                                    && presenceOf(pair.bobId(), "OFFLINE").test(f),
                            LEASE.multipliedBy(4))
                    .orElseThrow(() -> new AssertionError("bob still not OFFLINE " + LEASE.multipliedBy(4)
                            + " after his instance was killed; logs in " + platform.logDir()));
            assertThat(offline.path("d").path("status").asString()).isEqualTo("OFFLINE");
        }
        assertThat(platform.gateway()
                        .as(pair.adaToken())
                        .get("/api/presence/" + pair.bobId())
                        .text("/status"))
                .isEqualTo("OFFLINE");
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

    /**
     * A socket through the gateway, identified. Another journey may just have killed a realtime instance that
     * the gateway's registry copy still lists for a while: a failed attempt is retried.
     */
    private static WsClient identifiedThroughGateway(E2ePlatform platform, String token) {
        return Await.until(
                "a socket through the gateway reaches READY",
                () -> {
                    WsClient socket = WsClient.connect(socketUrl(platform.gatewayUrl()));
                    try {
                        socket.identify(token);
                        return socket;
                    } catch (AssertionError | RuntimeException e) {
                        socket.close();
                        throw e;
                    }
                },
                socket -> true);
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
