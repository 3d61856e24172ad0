package dev.connectnow.message.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * message-service on a random port with its own database, the shared Kafka broker and test tokens; the other
 * services are played by {@link EventFeed}. The test kit starts one application context per test class, so the
 * module keeps few integration test classes with many tests each. Settings every class shares: a small
 * file-size limit (413 without big uploads) and flood limits that no test's own posting reaches but a flood does
 * within a second or two (S15).
 */
@ServiceIntegrationTest
@TestPropertySource(
        properties = {
            "connectnow.message.post-rate-per-second=" + MessageTestBase.POST_RATE_PER_SECOND,
            "connectnow.message.post-burst=" + MessageTestBase.POST_BURST,
            // posts queued behind a stalled writer wait as long as a test needs; ChannelTurnsTest gives up sooner
            "connectnow.message.channel-turn-timeout=30s",
            "connectnow.attachments.max-file-size=400KB",
            "connectnow.storage.local.directory=${java.io.tmpdir}/connectnow-message-test-${random.uuid}"
        })
public abstract class MessageTestBase {

    /** Messages one user may send at once; no test but the flood test sends this many within seconds. */
    protected static final int POST_BURST = 60;

    protected static final int POST_RATE_PER_SECOND = 5;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected EventFeed feed() {
        return new EventFeed(jdbc);
    }

    protected ApiClient api(UUID userId) {
        return ApiClient.local(port).as(TestTokens.accessToken(userId));
    }

    protected static UUID newUser() {
        return UuidV7.next();
    }

    protected static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    /** Posts a message and returns it, asserting 201. */
    protected JsonNode post(UUID userId, UUID channelId, Map<String, Object> body) {
        ApiClient.Response response = api(userId).post("/api/channels/" + channelId + "/messages", body);
        assertThat(response.status()).as("post: %s", response).isEqualTo(201);
        return response.json();
    }

    protected JsonNode post(UUID userId, UUID channelId, String content) {
        return post(userId, channelId, body("content", content));
    }

    protected static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }

    protected static List<String> contents(JsonNode page) {
        return page.get("items")
                .valueStream()
                .map(item -> item.get("content").isNull()
                        ? null
                        : item.get("content").asString())
                .toList();
    }
}
