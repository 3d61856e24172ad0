package dev.connectnow.devstack.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ApiClient.Response;
import dev.connectnow.testkit.Await;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's channel message flow through the gateway (docs/message.md): workspace and channel from their
 * services, then posts, a thread, edits with optimistic locking, pins, reactions, soft deletion, the timeline
 * paged with its cursor, the unread count channel-service keeps from message events, the SYSTEM messages the
 * channel's own events write, and a private channel that does not exist for non-members. message-service
 * learns channels and memberships from events, so a step right after a change in another service waits until
 * the change has arrived.
 */
@EndToEndTest
class ChannelMessageJourneyTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void membersTalkInAChannelThreadEditPinReactDeleteAndPageTheTimeline(E2ePlatform platform) {
        ApiClient alice = platform.gateway().as(platform.registerUser("Alice"));
        ApiClient bob = platform.gateway().as(platform.registerUser("Bob"));
        String bobId = bob.get("/api/users/me").text("/id");
        String workspace = publicWorkspace(alice, "journey");
        join(bob, "/api/workspaces/" + workspace + "/join");
        String channel = channel(alice, workspace, "launch", false);
        join(bob, "/api/channels/" + channel + "/join");
        String messages = "/api/channels/" + channel + "/messages";

        JsonNode joined = Await.until(
                "message-service wrote Bob's arrival (channel.member.added)",
                () -> alice.get(messages).json(),
                page -> systemMessages(page).contains(bobId + ": joined the channel"));
        assertThat(joined.at("/items/0/type").asString()).isEqualTo("SYSTEM");

        // post, thread
        Response root = alice.post(messages, Map.of("content", "Launch on Friday? @" + username(bob)));
        assertThat(root.status()).as("%s", root).isEqualTo(201);
        String rootId = root.text("/id");
        Response reply = bob.post(messages, Map.of("content", "Friday works", "parentId", rootId));
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
        Response replyToReply = alice.post(messages, Map.of("content", "Great", "parentId", reply.text("/id")));
        assertThat(replyToReply.text("/parentId"))
                .as("a reply to a reply joins the root's thread")
                .isEqualTo(rootId);
        JsonNode thread = alice.get("/api/messages/" + rootId + "/replies").json();
        assertThat(contents(thread)).containsExactly("Friday works", "Great");
        assertThat(alice.get("/api/messages/" + rootId).json().get("replyCount").asInt())
                .isEqualTo(2);

        // edit with the version; a stale version is a 409 carrying the current message
        Response edited = alice.patch("/api/messages/" + rootId, Map.of("content", "Launch on Monday", "version", 1));
        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        assertThat(edited.json().get("version").asLong()).isEqualTo(2);
        assertThat(edited.json().get("isEdited").asBoolean()).isTrue();
        Response stale = alice.patch("/api/messages/" + rootId, Map.of("content", "Launch on Tuesday", "version", 1));
        assertThat(stale.status()).as("%s", stale).isEqualTo(409);
        assertThat(stale.text("/current/content")).isEqualTo("Launch on Monday");
        assertThat(stale.json().at("/current/version").asLong()).isEqualTo(2);
        assertThat(bob.patch("/api/messages/" + rootId, Map.of("content", "mine", "version", 2))
                        .status())
                .as("only the author edits")
                .isEqualTo(403);

        // pin (Alice owns the channel), react
        assertThat(alice.post("/api/messages/" + rootId + "/pin", null)
                        .json()
                        .get("isPinned")
                        .asBoolean())
                .isTrue();
        assertThat(ids(bob.get("/api/channels/" + channel + "/pins").json())).containsExactly(rootId);
        assertThat(bob.post("/api/messages/" + rootId + "/pin", null).status())
                .as("pinning is for moderators and channel admins")
                .isEqualTo(403);
        String rocket = URLEncoder.encode("🚀", StandardCharsets.UTF_8);
        Response reacted = bob.put("/api/messages/" + rootId + "/reactions/" + rocket, null);
        assertThat(reacted.status()).as("%s", reacted).isEqualTo(200);
        bob.put("/api/messages/" + rootId + "/reactions/" + rocket, null);
        JsonNode reactions = alice.get("/api/messages/" + rootId).json().get("reactions");
        assertThat(reactions).hasSize(1);
        assertThat(reactions.get(0).get("emoji").asString()).isEqualTo("🚀");
        assertThat(reactions.get(0).get("count").asLong())
                .as("adding twice counts once")
                .isEqualTo(1);
        assertThat(reactions.get(0).get("me").asBoolean())
                .as("as Alice sees it")
                .isFalse();

        // soft delete: the reply stays as a tombstone, the thread counts live replies
        assertThat(bob.delete("/api/messages/" + reply.text("/id")).status()).isEqualTo(204);
        JsonNode afterDelete = alice.get("/api/messages/" + rootId + "/replies").json();
        assertThat(afterDelete.at("/items/0/isDeleted").asBoolean()).isTrue();
        assertThat(afterDelete.at("/items/0/content").isNull()).isTrue();
        assertThat(alice.get("/api/messages/" + rootId).json().get("replyCount").asInt())
                .isEqualTo(1);

        // the timeline, newest first, paged with its cursor: every top-level message once, seqs descending
        List<String> posted = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            ApiClient author = i % 2 == 0 ? alice : bob;
            Response page = author.post(messages, Map.of("content", "page " + i));
            assertThat(page.status()).as("%s", page).isEqualTo(201);
            posted.add(page.text("/id"));
        }
        List<JsonNode> timeline = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = bob.get(messages + "?limit=15" + (cursor == null ? "" : "&cursor=" + cursor))
                    .json();
            page.get("items").forEach(timeline::add);
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        List<Long> seqs = timeline.stream().map(m -> m.get("seq").asLong()).toList();
        assertThat(seqs).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(timeline.stream().map(m -> m.get("id").asString()).toList())
                .containsSubsequence(newestFirst(posted))
                .contains(rootId)
                .doesNotContain(replyToReply.text("/id"));

        // rename: the channel's story continues in its history
        assertThat(alice.patch("/api/channels/" + channel, Map.of("name", "launch-week"))
                        .status())
                .isEqualTo(200);
        Await.until(
                "message-service wrote the rename (channel.updated)",
                () -> systemMessages(bob.get(messages).json()),
                system -> system.stream().anyMatch(m -> m.contains("Channel renamed to #launch-week")));

        // channel-service counts what Bob has not read (from message.created); posting moved his read position to
        // his own last post, so what is left is Alice's last post and the rename
        Await.until(
                "channel-service counted the messages after Bob's last post (message.created)",
                () -> unread(bob, workspace, channel),
                count -> count == 2);
        String newest = bob.get(messages + "?limit=1").text("/items/0/id"); // the rename
        Await.until(
                "Bob marks the channel read up to the newest message",
                () -> bob.put("/api/channels/" + channel + "/read", Map.of("messageId", newest))
                        .status(),
                status -> status == 204);
        Await.until("nothing unread", () -> unread(bob, workspace, channel), count -> count == 0);
    }

    @Test
    void aPrivateChannelsMessagesThreadsPinsAndFilesDoNotExistForNonMembers(E2ePlatform platform) throws Exception {
        String aliceToken = platform.registerUser("Alice");
        String carolToken = platform.registerUser("Carol");
        ApiClient alice = platform.gateway().as(aliceToken);
        ApiClient carol = platform.gateway().as(carolToken);
        String workspace = publicWorkspace(alice, "private");
        join(carol, "/api/workspaces/" + workspace + "/join");
        String lobby = channel(alice, workspace, "lobby", false);
        String secret = channel(alice, workspace, "secret", true);

        String secretMessages = "/api/channels/" + secret + "/messages";
        Await.until(
                "message-service knows the private channel and its owner (channel.created, channel.member.added)",
                () -> alice.get(secretMessages).status(),
                status -> status == 200);
        byte[] png = png();
        Response uploaded = upload(platform, aliceToken, "plan.png", png);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        String file = uploaded.text("/fileUrl");
        String thumbnail = uploaded.text("/thumbnailUrl");
        Response posted = alice.post(
                secretMessages, Map.of("content", "the plan", "attachmentIds", List.of(uploaded.text("/id"))));
        assertThat(posted.status()).as("%s", posted).isEqualTo(201);
        assertThat(posted.text("/type")).isEqualTo("IMAGE");
        String message = posted.text("/id");
        assertThat(alice.post(secretMessages, Map.of("content", "details", "parentId", message))
                        .status())
                .isEqualTo(201);
        assertThat(alice.post("/api/messages/" + message + "/pin", null).status())
                .isEqualTo(200);
        assertThat(download(platform, aliceToken, file)).isEqualTo(png);
        assertThat(download(platform, aliceToken, thumbnail)).isNotEmpty();

        // Carol is a member of the workspace (she reads its public channel) but not of the private one
        Await.until(
                "message-service knows Carol's workspace membership (workspace.member.added)",
                () -> carol.get("/api/channels/" + lobby + "/messages").status(),
                status -> status == 200);
        for (String outsiderToken : List.of(carolToken, platform.registerUser("Mallory"))) {
            ApiClient outsider = platform.gateway().as(outsiderToken);
            assertThat(outsider.get(secretMessages).status()).isEqualTo(404);
            assertThat(outsider.get("/api/messages/" + message).status()).isEqualTo(404);
            assertThat(outsider.get("/api/messages/" + message + "/replies").status())
                    .isEqualTo(404);
            assertThat(outsider.get("/api/channels/" + secret + "/pins").status())
                    .isEqualTo(404);
            assertThat(outsider.post(secretMessages, Map.of("content", "let me in"))
                            .status())
                    .isEqualTo(404);
            assertThat(status(platform, outsiderToken, file)).isEqualTo(404);
            assertThat(status(platform, outsiderToken, thumbnail)).isEqualTo(404);
        }
    }

    /**
     * A new public workspace. A 503 (the gateway's time limit ran out on a cold or loaded service) is retried as
     * a client would, under a new slug, since the first attempt may still have succeeded.
     */
    private static String publicWorkspace(ApiClient owner, String name) {
        Response created = Await.until(
                "workspace created",
                () -> {
                    String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
                    return owner.post(
                            "/api/workspaces", Map.of("name", "Journey " + slug, "slug", slug, "isPublic", true));
                },
                r -> r.status() != 503);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("/id");
    }

    /** A new channel once channel-service knows the workspace; retried under a new name as above. */
    private static String channel(ApiClient owner, String workspace, String name, boolean isPrivate) {
        Response created = Await.until(
                "channel-service knows the workspace (workspace.created)",
                () -> owner.post(
                        "/api/workspaces/" + workspace + "/channels",
                        Map.of(
                                "name",
                                name + "-" + UUID.randomUUID().toString().substring(0, 6),
                                "type",
                                "TEXT",
                                "isPrivate",
                                isPrivate)),
                r -> r.status() != 404 && r.status() != 403 && r.status() != 503);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.text("/id");
    }

    /** Joins (idempotent) a workspace or channel once the service owning it has learnt what the join needs. */
    private static void join(ApiClient user, String path) {
        Response joined = Await.until(
                path, () -> user.post(path, null), r -> r.status() != 404 && r.status() != 403 && r.status() != 503);
        assertThat(joined.status()).as("%s", joined).isEqualTo(200);
    }

    private static String username(ApiClient user) {
        return user.get("/api/users/me").text("/username");
    }

    /** The channel's unread count for the user; -1 while the answer is not a 200 listing the channel. */
    private static long unread(ApiClient user, String workspace, String channel) {
        Response unread = user.get("/api/workspaces/" + workspace + "/unread");
        if (unread.status() != 200) {
            return -1;
        }
        for (JsonNode item : unread.json().get("items")) {
            if (item.get("channelId").asString().equals(channel)) {
                return item.get("unreadCount").asLong();
            }
        }
        return -1;
    }

    /** SYSTEM messages of a page as "userId: content" (userId is who they are about, if anyone). */
    private static List<String> systemMessages(JsonNode page) {
        List<String> system = new ArrayList<>();
        for (JsonNode item : page.get("items")) {
            if (item.get("type").asString().equals("SYSTEM")) {
                String about =
                        item.get("userId").isNull() ? "" : item.get("userId").asString() + ": ";
                system.add(about + item.get("content").asString());
            }
        }
        return system;
    }

    private static List<String> contents(JsonNode page) {
        List<String> contents = new ArrayList<>();
        page.get("items").forEach(item -> contents.add(item.get("content").asString()));
        return contents;
    }

    private static List<String> newestFirst(List<String> posted) {
        List<String> reversed = new ArrayList<>(posted);
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(640, 320, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < image.getWidth(); x++) {
            image.setRGB(x, x % image.getHeight(), 0xff6600);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** {@code POST /api/attachments} as a browser sends it: multipart/form-data with one {@code file} part. */
    private static Response upload(E2ePlatform platform, String token, String name, byte[] content) {
        String boundary = "journey-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(
                platform,
                token,
                "/api/attachments",
                HttpRequest.newBuilder()
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    private static byte[] download(E2ePlatform platform, String token, String path) {
        HttpResponse<byte[]> response =
                send(platform, token, path, HttpRequest.newBuilder().GET(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("download of %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        return response.body();
    }

    private static int status(E2ePlatform platform, String token, String path) {
        return send(platform, token, path, HttpRequest.newBuilder().GET(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static <T> HttpResponse<T> send(
            E2ePlatform platform,
            String token,
            String path,
            HttpRequest.Builder request,
            HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(
                    request.uri(URI.create(platform.gatewayUrl() + path))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
