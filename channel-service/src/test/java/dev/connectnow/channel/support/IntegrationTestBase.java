package dev.connectnow.channel.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** channel-service on a random port with its own database, the shared Kafka broker and test tokens. */
@ServiceIntegrationTest
public abstract class IntegrationTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    /** workspace-service and message-service, as far as this service hears from them. */
    protected Upstream upstream() {
        return new Upstream(jdbc);
    }

    protected ApiClient api(UUID userId) {
        return ApiClient.local(port).as(TestTokens.accessToken(userId));
    }

    protected static UUID newUser() {
        return UuidV7.next();
    }

    /** Creates a channel and returns its id, asserting 201. */
    protected UUID createChannel(UUID userId, UUID workspaceId, String name, boolean isPrivate) {
        ApiClient.Response response = api(userId)
                .post("/api/workspaces/" + workspaceId + "/channels", Map.of("name", name, "isPrivate", isPrivate));
        assertThat(response.status()).as("create %s: %s", name, response).isEqualTo(201);
        return UUID.fromString(response.text("id"));
    }

    protected UUID generalOf(UUID workspaceId) {
        return jdbc.queryForObject(
                "select id from channels where workspace_id = ? and name = 'general'", UUID.class, workspaceId);
    }

    protected static JsonNode item(JsonNode page, UUID id) {
        for (JsonNode item : page.get("items")) {
            if (item.path("id").asString().equals(id.toString())
                    || item.path("channelId").asString().equals(id.toString())
                    || item.path("userId").asString().equals(id.toString())) {
                return item;
            }
        }
        return null;
    }
}
