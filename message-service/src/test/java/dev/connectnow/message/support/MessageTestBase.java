package dev.connectnow.message.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.outbox.EventJson;
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
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

/** message-service on a random port with its own database, the shared Kafka broker and test tokens. */
@ServiceIntegrationTest
public abstract class MessageTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private EventJson eventJson;

    protected EventFeed feed() {
        return feed(kafka);
    }

    /** A feed that publishes through the given template (tests that cut the service's own Kafka path). */
    protected EventFeed feed(KafkaTemplate<String, String> template) {
        return new EventFeed(template, eventJson, jdbc);
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
