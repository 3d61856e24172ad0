package dev.connectnow.dm.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** dm-service on a random port with its own database, the shared Kafka broker and test tokens. */
@ServiceIntegrationTest
public abstract class DmIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    private UserFeed users;

    protected UserFeed users() {
        if (users == null) {
            users = new UserFeed(jdbc);
        }
        return users;
    }

    protected ApiClient api(UUID userId) {
        return ApiClient.local(port).as(TestTokens.accessToken(userId));
    }

    /** Finds or creates the conversation of two users, asserting 200 or 201. */
    protected UUID conversation(UUID me, UUID other) {
        ApiClient.Response response = api(me).post("/api/dm/conversations", Map.of("userId", other));
        assertThat(response.status()).as("find or create: %s", response).isIn(200, 201);
        return UUID.fromString(response.text("id"));
    }

    /** Sends a text message, asserting 201; returns the message. */
    protected JsonNode send(UUID me, UUID conversationId, String content) {
        ApiClient.Response response =
                api(me).post("/api/dm/conversations/" + conversationId + "/messages", Map.of("content", content));
        assertThat(response.status()).as("send: %s", response).isEqualTo(201);
        return response.json();
    }

    protected static UUID id(JsonNode node) {
        return UUID.fromString(node.get("id").asString());
    }
}
