package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Presence through the whole platform: presence-service behind the gateway, its visibility fed by
 * workspace-service's member events.
 */
@EndToEndTest
class PresenceEndToEndTest {

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

    private record Pair(String adaToken, String bobToken, String adaId, String bobId) {}

    /** Ada creates a workspace and Bob joins it: a small workspace, so presence reaches co-members unasked. */
    private static Pair coMembers(E2ePlatform platform) {
        String adaToken = platform.registerUser("Ada");
        String bobToken = platform.registerUser("Bob");
        ApiClient ada = platform.gateway().as(adaToken);
        ApiClient bob = platform.gateway().as(bobToken);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // another journey may just have killed a workspace-service instance the gateway still knows: retry its 503
        ApiClient.Response workspace = Await.until(
                "workspace created",
                () -> ada.post(
                        "/api/workspaces",
                        Map.of(
                                "name", "Presence " + suffix,
                                "slug",
                                        "presence-"
                                                + UUID.randomUUID().toString().substring(0, 8),
                                "isPublic", false)),
                response -> response.status() != 503);
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
}
