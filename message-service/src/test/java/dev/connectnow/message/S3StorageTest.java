package dev.connectnow.message;

import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import dev.connectnow.events.workspace.WorkspaceEvents.WorkspaceRole;
import dev.connectnow.message.attachment.AttachmentJanitor;
import dev.connectnow.message.support.EventFeed;
import dev.connectnow.message.support.EventFeed.Channel;
import dev.connectnow.message.support.MessageTestBase;
import dev.connectnow.message.support.Uploads;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.TestTokens;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * The S3 backend, selected by configuration, against a real S3-compatible server in this JVM (S3Proxy over
 * an in-memory blob store, no Docker): uploads land in the bucket, downloads and thumbnails come back from
 * it, deleted files leave it, and a storage outage is a 503 with Retry-After.
 */
class S3StorageTest extends MessageTestBase {

    private static final String BUCKET = "connectnow-test";
    private static final S3Proxy S3 = startS3();

    @Autowired
    private S3Client s3;

    @Autowired
    private AttachmentJanitor janitor;

    @DynamicPropertySource
    static void s3Storage(DynamicPropertyRegistry registry) {
        registry.add("connectnow.storage.type", () -> "s3");
        registry.add("connectnow.storage.s3.endpoint", () -> "http://127.0.0.1:" + S3.getPort());
        registry.add("connectnow.storage.s3.bucket", () -> BUCKET);
        registry.add("connectnow.storage.s3.path-style", () -> "true");
        registry.add("connectnow.storage.s3.access-key", () -> "test-access");
        registry.add("connectnow.storage.s3.secret-key", () -> "test-secret");
    }

    @AfterAll
    static void stopS3() throws Exception {
        S3.stop();
    }

    @Test
    void filesLiveInTheBucketAndLeaveItWithTheirMessage() throws Exception {
        s3.createBucket(b -> b.bucket(BUCKET));
        EventFeed feed = feed();
        UUID owner = newUser();
        UUID member = newUser();
        UUID workspace = feed.workspace(owner);
        feed.member(workspace, member, WorkspaceRole.MEMBER);
        Channel channel = feed.channel(workspace, owner, "s3", false);
        feed.join(channel, member, ChannelRole.MEMBER);
        String base = "http://127.0.0.1:" + port;

        byte[] png = Uploads.image(900, 300, "png");
        ApiClient.Response uploaded = Uploads.upload(base, TestTokens.accessToken(owner), "wide.png", "image/png", png);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        JsonNode attachment = uploaded.json();
        String id = attachment.get("id").asString();
        assertThat(keys()).contains("files/" + id, "thumbnails/" + id + ".jpg");

        JsonNode message = post(owner, channel.id(), body("content", "from S3", "attachmentIds", List.of(id)));
        Uploads.Download content = Uploads.download(
                base, TestTokens.accessToken(member), attachment.get("fileUrl").asString());
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.bytes()).isEqualTo(png);
        assertThat(content.nosniff()).isEqualTo("nosniff");
        Uploads.Download thumbnail = Uploads.download(
                base,
                TestTokens.accessToken(member),
                attachment.get("thumbnailUrl").asString());
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");

        ApiClient.Response text = Uploads.upload(
                base, TestTokens.accessToken(owner), "lost.txt", "text/plain", "lost".getBytes(StandardCharsets.UTF_8));
        String lostKey = "files/" + text.json().get("id").asString();
        s3.deleteObject(b -> b.bucket(BUCKET).key(lostKey));
        assertThat(Uploads.download(
                                base,
                                TestTokens.accessToken(owner),
                                text.json().get("fileUrl").asString())
                        .status())
                .as("bytes the bucket lost are a 404, not a 500")
                .isEqualTo(404);

        assertThat(api(owner).delete("/api/messages/" + id(message)).status()).isEqualTo(204);
        janitor.sweep();
        assertThat(keys()).doesNotContain("files/" + id, "thumbnails/" + id + ".jpg");

        S3.stop();
        ApiClient.Response down = Uploads.upload(
                base, TestTokens.accessToken(owner), "later.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertProblem(down, 503);
        assertThat(down.header("Retry-After")).isPresent();
    }

    private List<String> keys() {
        return s3.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static S3Proxy startS3() {
        try {
            BlobStoreContext context = ContextBuilder.newBuilder("transient")
                    .credentials("test-access", "test-secret")
                    .overrides(new Properties())
                    .build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "test-access", "test-secret")
                    .build();
            proxy.start();
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                Thread.sleep(10);
            }
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("could not start S3Proxy", e);
        }
    }
}
