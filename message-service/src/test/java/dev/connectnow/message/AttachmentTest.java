package dev.connectnow.message;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.attachment.AttachmentJanitor;
import dev.connectnow.message.attachment.storage.StorageProperties;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.message.support.Uploads;
import dev.connectnow.message.support.Uploads.Download;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.TestTokens;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Attachments on local storage: type from the bytes (S23), size limit (413), the decompression bomb, image
 * facts and thumbnails, safe downloads, who may download (S1/S2 and the DM contract), expiry and deletion.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttachmentTest extends MessageTestBase {

    @Autowired
    private AttachmentJanitor janitor;

    @Autowired
    private StorageProperties storage;

    private EventFeed feed;
    private UUID owner;
    private UUID member;
    private UUID outsider;
    private UUID workspace;
    private Channel secret;

    @BeforeAll
    void workspace() {
        feed = feed();
        owner = newUser();
        member = newUser();
        outsider = newUser();
        workspace = feed.workspace(owner);
        feed.member(workspace, member, WorkspaceRole.MEMBER);
        feed.member(workspace, outsider, WorkspaceRole.MEMBER);
        secret = feed.channel(workspace, owner, "files", true);
        feed.join(secret, member, ChannelRole.MEMBER);
    }

    private ApiClient.Response upload(UUID user, String name, String declaredType, byte[] bytes) {
        return Uploads.upload("http://127.0.0.1:" + port, TestTokens.accessToken(user), name, declaredType, bytes);
    }

    private JsonNode uploaded(UUID user, String name, String declaredType, byte[] bytes) {
        ApiClient.Response response = upload(user, name, declaredType, bytes);
        assertThat(response.status()).as("upload %s: %s", name, response).isEqualTo(201);
        return response.json();
    }

    private Download download(UUID user, String path) {
        return Uploads.download("http://127.0.0.1:" + port, TestTokens.accessToken(user), path);
    }

    private Path stored(String key) {
        return storage.local().directory().resolve(key);
    }

    @Test
    void anImageIsMeasuredThumbnailedAndServedSafely() throws IOException {
        byte[] png = Uploads.image(1200, 800, "png");
        JsonNode attachment = uploaded(owner, "sunset.png", "image/png", png);
        String id = attachment.get("id").asString();
        assertThat(attachment.get("mimeType").asString()).isEqualTo("image/png");
        assertThat(attachment.get("fileName").asString()).isEqualTo("sunset.png");
        assertThat(attachment.get("fileSize").asLong()).isEqualTo(png.length);
        assertThat(attachment.get("width").asInt()).isEqualTo(1200);
        assertThat(attachment.get("height").asInt()).isEqualTo(800);
        assertThat(attachment.get("fileUrl").asString()).isEqualTo("/api/attachments/" + id + "/content");
        assertThat(attachment.get("thumbnailUrl").asString()).isEqualTo("/api/attachments/" + id + "/thumbnail");

        Download content = download(owner, attachment.get("fileUrl").asString());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.bytes()).isEqualTo(png);
        assertThat(content.contentType()).isEqualTo("image/png");
        assertThat(content.nosniff()).isEqualTo("nosniff");
        assertThat(content.disposition()).isEqualTo("inline; filename=\"sunset.png\"; filename*=UTF-8''sunset.png");

        Download thumbnail = download(owner, attachment.get("thumbnailUrl").asString());
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumbnail.bytes()));
        assertThat(small.getWidth()).isEqualTo(360);
        assertThat(small.getHeight()).isEqualTo(240);

        assertThat(download(member, attachment.get("fileUrl").asString()).status())
                .as("an unattached upload is its uploader's only")
                .isEqualTo(404);
    }

    @Test
    void postedFilesAreReadableByWhoeverMayReadTheMessageAndGoWithIt() throws IOException {
        JsonNode image = uploaded(owner, "a.png", "image/png", Uploads.image(40, 30, "png"));
        JsonNode gif = uploaded(owner, "b.gif", "image/gif", Uploads.image(20, 20, "gif"));
        JsonNode message = post(
                owner,
                secret.id(),
                body(
                        "content",
                        "",
                        "attachmentIds",
                        List.of(image.get("id").asString(), gif.get("id").asString())));
        assertThat(message.get("type").asString()).isEqualTo("IMAGE");
        assertThat(message.get("attachments").valueStream().map(a -> a.get("id").asString()))
                .containsExactly(image.get("id").asString(), gif.get("id").asString());
        String url = image.get("fileUrl").asString();
        assertThat(download(member, url).status()).isEqualTo(200);
        assertThat(download(outsider, url).status())
                .as("not in the private channel")
                .isEqualTo(404);
        assertThat(download(newUser(), url).status()).as("not in the workspace").isEqualTo(404);
        assertThat(api(member).get("/api/messages/" + id(message)).json().get("attachments"))
                .hasSize(2);

        assertFieldErrors(
                api(owner)
                        .post(
                                "/api/channels/" + secret.id() + "/messages",
                                body(
                                        "content",
                                        "again",
                                        "attachmentIds",
                                        List.of(image.get("id").asString()))),
                "attachmentIds");
        JsonNode mine = uploaded(member, "m.txt", "text/plain", "notes".getBytes(StandardCharsets.UTF_8));
        assertFieldErrors(
                api(owner)
                        .post(
                                "/api/channels/" + secret.id() + "/messages",
                                body(
                                        "content",
                                        "theirs",
                                        "attachmentIds",
                                        List.of(mine.get("id").asString()))),
                "attachmentIds");
        JsonNode pdf = uploaded(
                member,
                "doc.pdf",
                "application/pdf",
                "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        JsonNode photo = uploaded(member, "p.jpg", "image/jpeg", Uploads.image(30, 30, "jpg"));
        assertFieldErrors(
                api(member)
                        .post(
                                "/api/channels/" + secret.id() + "/messages",
                                body(
                                        "content",
                                        "x",
                                        "type",
                                        "IMAGE",
                                        "attachmentIds",
                                        List.of(
                                                pdf.get("id").asString(),
                                                photo.get("id").asString()))),
                "type");
        JsonNode mixed = post(
                member,
                secret.id(),
                body(
                        "content",
                        "mixed",
                        "attachmentIds",
                        List.of(pdf.get("id").asString(), photo.get("id").asString())));
        assertThat(mixed.get("type").asString()).isEqualTo("FILE");
        assertThat(download(owner, pdf.get("fileUrl").asString()).disposition()).startsWith("attachment;");

        String storageKey = "files/" + image.get("id").asString();
        assertThat(stored(storageKey)).exists();
        assertThat(api(owner).delete("/api/messages/" + id(message)).status()).isEqualTo(204);
        assertThat(download(owner, url).status()).as("gone with the message").isEqualTo(404);
        assertThat(api(owner)
                        .get("/api/messages/" + id(message))
                        .json()
                        .get("attachments")
                        .isEmpty())
                .isTrue();
        janitor.sweep();
        assertThat(stored(storageKey)).doesNotExist();
        assertThat(stored("thumbnails/" + image.get("id").asString() + ".jpg")).doesNotExist();
    }

    @Test
    void theTypeIsDecidedFromTheBytesNotTheNameOrHeader() {
        byte[] script = "#!/bin/sh\nrm -rf /\n".getBytes(StandardCharsets.US_ASCII);
        assertProblem(upload(owner, "photo.png", "image/png", script), 415);
        assertProblem(
                upload(
                        owner,
                        "page.png",
                        "image/png",
                        "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)),
                415);
        assertProblem(
                upload(
                        owner,
                        "vector.svg",
                        "image/svg+xml",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                                .getBytes(StandardCharsets.UTF_8)),
                415);
        assertProblem(
                upload(owner, "app.exe", "application/octet-stream", new byte[] {
                    'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0
                }),
                415);
        JsonNode jpegNamedPng = uploaded(owner, "really-a-jpeg.png", "image/png", Uploads.image(10, 10, "jpg"));
        assertThat(jpegNamedPng.get("mimeType").asString()).isEqualTo("image/jpeg");
        JsonNode text = uploaded(
                owner,
                "invoice\u202Efdp.exe",
                "application/x-msdownload",
                "plain words".getBytes(StandardCharsets.UTF_8));
        assertThat(text.get("mimeType").asString()).isEqualTo("text/plain");
        assertThat(text.get("fileName").asString())
                .as("bidi overrides are removed")
                .isEqualTo("invoicefdp.exe");
        assertThat(download(owner, text.get("fileUrl").asString()).disposition())
                .startsWith("attachment;");
        assertFieldErrors(upload(owner, "empty.txt", "text/plain", new byte[0]), "file");
    }

    @Test
    void anyFileNameIsSafeInTheDownloadHeaders() {
        JsonNode file = uploaded(
                owner, "../../etc/Résumé \\\"final\\\";.txt", "text/plain", "cv".getBytes(StandardCharsets.UTF_8));
        String name = file.get("fileName").asString();
        assertThat(name).doesNotContain("/").doesNotContain("..\\");
        String disposition = download(owner, file.get("fileUrl").asString()).disposition();
        assertThat(disposition).startsWith("attachment; filename=\"");
        assertThat(disposition).contains("filename*=UTF-8''");
        assertThat(disposition).doesNotContain("\r").doesNotContain("\n").doesNotContain("é");
        assertThat(disposition.chars().filter(c -> c == '"').count())
                .as("only the two quotes of filename=")
                .isEqualTo(2);
    }

    @Test
    void anUploadThatIsNotValidMultipartIsA400AndStoresNothing() {
        long before = jdbc.queryForObject("select count(*) from attachments", Long.class);
        JsonNode problem =
                assertProblem(upload(owner, "a\u0000b.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8)), 400);
        assertThat(problem.get("detail").asString()).contains("multipart");
        assertThat(jdbc.queryForObject("select count(*) from attachments", Long.class))
                .isEqualTo(before);
    }

    @Test
    void tooLargeIsA413AndABombIsRefusedWithoutDecoding() {
        assertProblem(
                upload(owner, "big.txt", "text/plain", "x".repeat(500 * 1024).getBytes(StandardCharsets.US_ASCII)),
                413);
        byte[] bomb = Uploads.bombPng(50_000);
        assertThat(bomb.length).as("small on the wire").isLessThan(400 * 1024);
        JsonNode refused = assertFieldErrors(upload(owner, "bomb.png", "image/png", bomb), "file");
        assertThat(refused.toString()).contains("50000×50000");
        assertThat(ApiClient.local(port).get("/livez").status()).isEqualTo(200);
        assertThat(upload(owner, "after.png", "image/png", Uploads.image(64, 64, "png"))
                        .status())
                .as("the service stays healthy")
                .isEqualTo(201);
    }

    @Test
    void directMessagesClaimUploadsAndTheirConversationMayDownload() {
        JsonNode first = uploaded(owner, "one.txt", "text/plain", "one".getBytes(StandardCharsets.UTF_8));
        JsonNode second = uploaded(owner, "two.png", "image/png", Uploads.image(8, 8, "png"));
        UUID conversation = feed.conversation(owner, member);
        UUID directMessage = UuidV7.next();
        List<String> ids = List.of(second.get("id").asString(), first.get("id").asString());
        ApiClient.Response claimed = api(owner)
                .post(
                        "/internal/attachments/claim",
                        body("attachmentIds", ids, "directMessageId", directMessage, "conversationId", conversation));
        assertThat(claimed.status()).as("%s", claimed).isEqualTo(200);
        assertThat(claimed.json()
                        .get("items")
                        .valueStream()
                        .map(a -> a.get("id").asString()))
                .containsExactlyElementsOf(ids);
        assertThat(claimed.json().get("items").get(0).get("width").asInt()).isEqualTo(8);
        assertThat(api(owner)
                        .post(
                                "/internal/attachments/claim",
                                body(
                                        "attachmentIds",
                                        ids,
                                        "directMessageId",
                                        directMessage,
                                        "conversationId",
                                        conversation))
                        .status())
                .as("a retry of the same claim")
                .isEqualTo(200);

        assertFieldErrors(
                api(owner)
                        .post(
                                "/internal/attachments/claim",
                                body(
                                        "attachmentIds",
                                        ids,
                                        "directMessageId",
                                        UuidV7.next(),
                                        "conversationId",
                                        conversation)),
                "attachmentIds");
        assertFieldErrors(
                api(member)
                        .post(
                                "/internal/attachments/claim",
                                body(
                                        "attachmentIds",
                                        ids,
                                        "directMessageId",
                                        directMessage,
                                        "conversationId",
                                        conversation)),
                "attachmentIds");
        JsonNode posted = uploaded(owner, "posted.txt", "text/plain", "p".getBytes(StandardCharsets.UTF_8));
        post(
                owner,
                secret.id(),
                body(
                        "content",
                        "in a channel",
                        "attachmentIds",
                        List.of(posted.get("id").asString())));
        JsonNode fresh = uploaded(owner, "fresh.txt", "text/plain", "f".getBytes(StandardCharsets.UTF_8));
        UUID another = UuidV7.next();
        assertFieldErrors(
                api(owner)
                        .post(
                                "/internal/attachments/claim",
                                body(
                                        "attachmentIds",
                                        List.of(
                                                fresh.get("id").asString(),
                                                posted.get("id").asString()),
                                        "directMessageId",
                                        another,
                                        "conversationId",
                                        conversation)),
                "attachmentIds");
        assertThat(jdbc.queryForObject(
                        "select direct_message_id from attachments where id = ?::uuid",
                        UUID.class,
                        fresh.get("id").asString()))
                .as("a refused claim changes nothing")
                .isNull();
        assertFieldErrors(
                api(owner)
                        .post(
                                "/internal/attachments/claim",
                                body(
                                        "attachmentIds",
                                        List.of(),
                                        "directMessageId",
                                        another,
                                        "conversationId",
                                        conversation)),
                "attachmentIds");
        assertFieldErrors(
                api(owner)
                        .post(
                                "/internal/attachments/claim",
                                body("attachmentIds", List.of(fresh.get("id").asString()))),
                "directMessageId",
                "conversationId");

        String url = first.get("fileUrl").asString();
        assertThat(download(owner, url).status()).isEqualTo(200);
        assertThat(download(member, url).status()).as("the other participant").isEqualTo(200);
        assertThat(download(outsider, url).status()).isEqualTo(404);
        feed.directMessage(DmEvents.MESSAGE_DELETED, conversation, directMessage, owner);
        Await.until(
                "the files of a deleted direct message are gone",
                () -> download(owner, url).status() == 404);
        assertThat(download(member, url).status()).isEqualTo(404);
    }

    @Test
    void uploadsNeverAttachedExpire() {
        JsonNode orphan = uploaded(owner, "orphan.txt", "text/plain", "left behind".getBytes(StandardCharsets.UTF_8));
        JsonNode recent = uploaded(owner, "recent.txt", "text/plain", "still wanted".getBytes(StandardCharsets.UTF_8));
        jdbc.update(
                "update attachments set created_at = now() - interval '25 hours' where id = ?::uuid",
                orphan.get("id").asString());
        janitor.sweep();
        assertThat(download(owner, orphan.get("fileUrl").asString()).status()).isEqualTo(404);
        assertThat(stored("files/" + orphan.get("id").asString())).doesNotExist();
        assertThat(jdbc.queryForObject(
                        "select count(*) from attachments where id = ?::uuid",
                        Integer.class,
                        orphan.get("id").asString()))
                .isZero();
        assertThat(download(owner, recent.get("fileUrl").asString()).status()).isEqualTo(200);
        assertFieldErrors(
                api(owner)
                        .post(
                                "/api/channels/" + secret.id() + "/messages",
                                body(
                                        "content",
                                        "too late",
                                        "attachmentIds",
                                        List.of(orphan.get("id").asString()))),
                "attachmentIds");
        assertThat(Files.exists(stored("files/" + recent.get("id").asString()))).isTrue();

        // a claim whose direct message never came (dm-service's transaction failed after claiming) expires too;
        // a confirmed one stays
        UUID conversation = feed.conversation(owner, member);
        JsonNode orphanedClaim = uploaded(owner, "claimed.txt", "text/plain", "c".getBytes(StandardCharsets.UTF_8));
        JsonNode confirmedClaim = uploaded(owner, "sent.txt", "text/plain", "s".getBytes(StandardCharsets.UTF_8));
        UUID neverSent = UuidV7.next();
        UUID sent = UuidV7.next();
        for (var claim : List.of(List.of(orphanedClaim, neverSent), List.of(confirmedClaim, sent))) {
            assertThat(api(owner)
                            .post(
                                    "/internal/attachments/claim",
                                    body(
                                            "attachmentIds",
                                            List.of(((JsonNode) claim.get(0))
                                                    .get("id")
                                                    .asString()),
                                            "directMessageId",
                                            claim.get(1),
                                            "conversationId",
                                            conversation))
                            .status())
                    .isEqualTo(200);
        }
        feed.directMessage(DmEvents.MESSAGE_CREATED, conversation, sent, owner);
        Await.until(
                "the claim is confirmed",
                () -> jdbc.queryForObject(
                        "select dm_confirmed from attachments where direct_message_id = ?", Boolean.class, sent));
        jdbc.update(
                "update attachments set created_at = now() - interval '25 hours' where direct_message_id in (?, ?)",
                neverSent,
                sent);
        janitor.sweep();
        assertThat(download(member, orphanedClaim.get("fileUrl").asString()).status())
                .isEqualTo(404);
        assertThat(download(member, confirmedClaim.get("fileUrl").asString()).status())
                .isEqualTo(200);
    }
}
