package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.WsClient;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's direct message flow through the gateway: find or create the conversation, send, the recipient
 * is notified on their WebSocket (realtime-service) and sees it unread in their list, reads it, and the sender
 * sees the receipt, pushed and on their copy; then a file uploaded to
 * message-service travels with a direct message (contract 1: dm-service claims it through Eureka), the other
 * participant may download it, a stranger may not, and it is gone with its message. dm-service learns users
 * from auth-service's events and message-service learns conversations from dm-service's, so the steps that
 * depend on an event wait for it.
 */
@EndToEndTest
class DirectMessageJourneyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void twoUsersExchangeADirectMessageAndTheReadReceiptComesBack(E2ePlatform platform) {
        String aliceToken = platform.registerUser("Alice");
        ApiClient alice = platform.gateway().as(aliceToken);
        String bobToken = platform.registerUser("Bob");
        ApiClient bob = platform.gateway().as(bobToken);
        ApiClient carol = platform.gateway().as(platform.registerUser("Carol"));
        String aliceId = alice.get("/api/users/me").text("/id");
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
        URI ws = URI.create(platform.gatewayUrl().replaceFirst("^http", "ws") + "/ws");
        try (WsClient bobsSocket = WsClient.connect(ws);
                WsClient alicesSocket = WsClient.connect(ws)) {
            bobsSocket.identify(bobToken);
            alicesSocket.identify(aliceToken);
            Response sent = alice.post(messages, Map.of("content", "Hello Bob 👋"));
            assertThat(sent.status()).as("%s", sent).isEqualTo(201);
            String messageId = sent.text("/id");
            JsonNode pushed = bobsSocket.awaitEvent(
                    "dm.message.created", f -> f.at("/d/id").asString().equals(messageId));
            assertThat(pushed.at("/d/content").asString())
                    .as("the recipient is notified through realtime-service")
                    .isEqualTo("Hello Bob 👋");
            assertThat(pushed.at("/d/conversationId").asString()).isEqualTo(conversation);

            readAndReceipt(alice, bob, conversation, sent);
            JsonNode receipt = alicesSocket.awaitEvent(
                    "dm.message.read", f -> f.at("/d/upToMessageId").asString().equals(messageId));
            assertThat(receipt.at("/d/readerId").asString()).isEqualTo(bobId);

            assertThat(carol.get(messages).status())
                    .as("someone else's conversation")
                    .isEqualTo(404);
            assertThat(carol.get("/api/dm/messages/" + messageId).status()).isEqualTo(404);
        }

        Response upload = upload(platform.gatewayUrl(), aliceToken, png());
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        String fileId = upload.text("/id");
        // the first call to a just-started message-service (JIT, its first JWK set fetch) may exceed dm-service's
        // 2 s limit: a 503 with Retry-After, which a client retries, and the retry reuses the first claim
        Response withFile = Await.await("dm-service claims the upload from message-service")
                .pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> alice.post(messages, Map.of("content", "the diagram", "attachmentIds", List.of(fileId))),
                        r -> r.status() != 503);
        assertThat(withFile.status()).as("%s", withFile).isEqualTo(201);
        assertThat(withFile.text("/type")).isEqualTo("IMAGE");
        assertThat(withFile.text("/attachments/0/id")).isEqualTo(fileId);
        String file = withFile.text("/attachments/0/fileUrl");
        Await.until(
                "message-service lets Bob download the file (dm.conversation.created consumed)",
                () -> bob.get(file).status(),
                status -> status == 200);
        assertThat(carol.get(file).status()).as("not a participant").isEqualTo(404);
        assertThat(alice.delete("/api/dm/messages/" + withFile.text("/id")).status())
                .isEqualTo(204);
        Await.until(
                "the file is gone with its message (dm.message.deleted consumed)",
                () -> bob.get(file).status(),
                status -> status == 404);
    }

    /** Bob sees the message unread in his list, reads it, and Alice's copy shows the receipt. */
    private static void readAndReceipt(ApiClient alice, ApiClient bob, String conversation, Response sent) {
        String messages = "/api/dm/conversations/" + conversation + "/messages";
        String messageId = sent.text("/id");
        String aliceUsername = alice.get("/api/users/me").text("/username");
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
    }

    /** A multipart upload to message-service through the gateway. */
    private static Response upload(String gatewayUrl, String token, byte[] png) {
        String boundary = "journey" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"diagram.png\""
                        + "\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/attachments"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, png, tail)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
