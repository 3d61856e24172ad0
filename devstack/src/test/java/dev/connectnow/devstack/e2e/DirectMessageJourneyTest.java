package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.Await;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's direct message flow through the gateway: find or create the conversation, send, the recipient
 * sees it unread in their list, reads it, and the sender sees the receipt. dm-service learns users from
 * auth-service's events, so the first step waits until the new recipient is known there.
 */
@EndToEndTest
class DirectMessageJourneyTest {

    @Test
    void twoUsersExchangeADirectMessageAndTheReadReceiptComesBack(E2ePlatform platform) {
        ApiClient alice = platform.gateway().as(platform.registerUser("Alice"));
        ApiClient bob = platform.gateway().as(platform.registerUser("Bob"));
        ApiClient carol = platform.gateway().as(platform.registerUser("Carol"));
        String aliceId = alice.get("/api/users/me").text("/id");
        String aliceUsername = alice.get("/api/users/me").text("/username");
        String bobId = bob.get("/api/users/me").text("/id");

        Response started = Await.until(
                "dm-service knows Bob (user.registered consumed) and Alice starts the conversation",
                () -> alice.post("/api/dm/conversations", Map.of("userId", bobId)),
                r -> r.status() == 201 || r.status() == 200);
        String conversation = started.text("/id");
        assertThat(started.text("/otherUser/id")).isEqualTo(bobId);
        Response fromBob = bob.post("/api/dm/conversations", Map.of("userId", aliceId));
        assertThat(fromBob.status())
                .as("the same conversation whoever starts it: %s", fromBob)
                .isEqualTo(200);
        assertThat(fromBob.text("/id")).isEqualTo(conversation);

        String messages = "/api/dm/conversations/" + conversation + "/messages";
        Response sent = alice.post(messages, Map.of("content", "Hello Bob 👋"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(201);
        String messageId = sent.text("/id");

        JsonNode inBobsList = Await.until(
                "Bob's list shows Alice's profile (user.registered consumed) and one unread message",
                () -> item(bob.get("/api/dm/conversations"), conversation),
                item -> item != null
                        && aliceUsername.equals(item.at("/otherUser/username").asString(null)));
        assertThat(inBobsList.get("unreadCount").asLong()).isEqualTo(1);
        assertThat(inBobsList.get("lastMessageAt").asString()).isEqualTo(sent.text("/createdAt"));
        assertThat(bob.get(messages).text("/items/0/content")).isEqualTo("Hello Bob 👋");

        Response read = bob.post("/api/dm/conversations/" + conversation + "/read", Map.of("messageId", messageId));
        assertThat(read.status()).as("%s", read).isEqualTo(204);
        assertThat(item(bob.get("/api/dm/conversations"), conversation)
                        .get("unreadCount")
                        .asLong())
                .isZero();
        Response seenByAlice = alice.get("/api/dm/messages/" + messageId);
        assertThat(seenByAlice.json().get("isRead").asBoolean())
                .as("%s", seenByAlice)
                .isTrue();
        assertThat(seenByAlice.text("/readAt")).isNotBlank();

        assertThat(carol.get(messages).status())
                .as("someone else's conversation")
                .isEqualTo(404);
        assertThat(carol.get("/api/dm/messages/" + messageId).status()).isEqualTo(404);
    }

    private static JsonNode item(Response page, String id) {
        for (JsonNode item : page.json().path("items")) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        return null;
    }
}
