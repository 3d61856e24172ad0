package dev.connectnow.testkit.sample;

import static dev.connectnow.testkit.ProblemAssertions.assertFieldErrors;
import static dev.connectnow.testkit.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.events.Topics;
import dev.connectnow.events.UuidV7;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.MutableClock;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The chassis' data idioms on a real PostgreSQL: entities with pre-assigned ids, unique constraints as 409s
 * that name the field, literal LIKE patterns, and time taken from the injected clock (held still here).
 */
@ServiceIntegrationTest
@Import(MutableClock.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class ChassisPersistenceTest {

    @LocalServerPort
    int port;

    @Autowired
    TagRepository tags;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MutableClock clock;

    @Test
    void anEntityWithAPreassignedIdIsInsertedWithOneStatementAndUpdatedAfterLoading() {
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        UUID id = UuidV7.next();

        SqlRecorder.clear();
        tx.executeWithoutResult(status -> tags.save(new Tag(id, "preassigned", "preassigned")));
        assertThat(SqlRecorder.statements())
                .as("save of a new entity: one INSERT, no SELECT before it")
                .singleElement()
                .satisfies(sql -> assertThat(sql).startsWith("insert into tag"));

        SqlRecorder.clear();
        tx.executeWithoutResult(status -> tags.findById(id).orElseThrow().rename("renamed"));
        assertThat(SqlRecorder.statements()).hasSize(2);
        assertThat(SqlRecorder.statements().get(0)).startsWith("select");
        assertThat(SqlRecorder.statements().get(1)).startsWith("update tag");
        assertThat(tags.findById(id).orElseThrow().getName()).isEqualTo("renamed");
    }

    @Test
    void aTakenUniqueValueIsA409NamingTheFieldAndOtherConstraintsAGeneric409(CapturedOutput output) {
        String slug = "private-slug-" + UUID.randomUUID();
        assertThat(api().post("/api/tags", Map.of("name", "alpha", "slug", slug))
                        .status())
                .isEqualTo(201);

        JsonNode taken = assertProblem(api().post("/api/tags", Map.of("name", "alpha", "slug", "other")), 409);
        assertThat(taken.get("detail").asString()).isEqualTo("A tag with this name already exists");
        assertThat(taken.get("field").asString()).isEqualTo("name");
        assertThat(taken.get("errors").get(0).get("field").asString()).isEqualTo("name");
        assertThat(taken.get("errors").get(0).get("message").asString()).isEqualTo("is already taken");

        JsonNode generic = assertProblem(api().post("/api/tags", Map.of("name", "beta", "slug", slug)), 409);
        assertThat(generic.get("detail").asString()).isEqualTo("The request conflicts with existing data");
        assertThat(generic.has("field")).isFalse();
        assertThat(output.getAll())
                .as("the violation is logged by constraint name, never with the rejected value")
                .contains("tag_slug_uq")
                .doesNotContain(slug);
    }

    @Test
    void aPatchChangesWhatWasSentClearsWhatWasNullAndRefusesNullForRequiredFields() {
        String id = api().post("/api/tags", Map.of("name", "patched", "slug", "patched-" + UUID.randomUUID()))
                .text("id");
        String path = "/api/tags/" + id;

        ApiClient.Response described = api().patch(path, Map.of("description", "first"));
        assertThat(described.status()).as("%s", described).isEqualTo(200);
        assertThat(described.text("name")).isEqualTo("patched");
        assertThat(described.text("description")).isEqualTo("first");

        ApiClient.Response renamed = api().patch(path, Map.of("name", "repatched"));
        assertThat(renamed.text("name")).isEqualTo("repatched");
        assertThat(renamed.text("description")).as("left out: unchanged").isEqualTo("first");

        ApiClient.Response cleared = api().patch(path, "{\"description\":null}");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("description").isNull()).isTrue();
        assertThat(cleared.text("name")).isEqualTo("repatched");

        assertFieldErrors(api().patch(path, "{\"name\":null}"), "name");
        assertFieldErrors(
                api().patch(path, "{\"name\":\" \",\"description\":\"" + "d".repeat(101) + "\"}"),
                "name",
                "description");
        assertFieldErrors(api().patch(path, "{\"slug\":\"not-patchable\"}"), "slug");
        assertProblem(api().patch(path, "{\"name\":[\"list\"]}"), 400);
        assertThat(api().patch(path, "{}").text("name")).isEqualTo("repatched");

        JsonNode docs = ApiClient.local(port).get("/v3/api-docs").json();
        JsonNode properties = docs.at("/components/schemas/TagPatch/properties");
        assertThat(properties.at("/name/type").asString())
                .as("a PATCH field is documented as the value it carries: %s", properties)
                .isEqualTo("string");
        assertThat(properties.at("/description/type").asString()).isEqualTo("string");
    }

    @Test
    void likeSearchTakesWildcardsInUserTextLiterally() {
        for (String name : List.of("100% sure", "100 percent", "a_b", "axb", "back\\slash")) {
            assertThat(api().post("/api/tags", Map.of("name", name, "slug", UUID.randomUUID()))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(search("100%")).containsExactly("100% sure");
        assertThat(search("A_B")).containsExactly("a_b");
        assertThat(search("\\")).containsExactly("back\\slash");
        assertThat(search("%")).containsExactly("100% sure");
    }

    @Test
    void theOutboxAndTheDeduplicationRecordTakeTheirTimeFromTheInjectedClock() {
        Instant frozen = clock.advance(Duration.ofDays(365));
        try (EventCollector userTopic = new EventCollector(Topics.USER)) {
            String noteId = api().post("/api/notes", Map.of("text", "timed")).text("id");
            EventCollector.Received event = userTopic
                    .await(r -> r.is("user.updated", noteId), 1, Duration.ofSeconds(20))
                    .get(0);
            assertThat(Instant.parse(event.envelope().get("time").asString())).isEqualTo(frozen);
            assertThat(Instant.parse(event.data().get("updatedAt").asString()))
                    .as("the sample service's own timestamp")
                    .isEqualTo(frozen);

            UUID eventId = UUID.fromString(event.envelope().get("id").asString());
            Timestamp processedAt = Await.until(
                    "the sample's consumer recorded " + eventId,
                    () -> jdbc
                            .query(
                                    "select processed_at from processed_event where event_id = ?",
                                    (rs, i) -> rs.getTimestamp(1),
                                    eventId)
                            .stream()
                            .findFirst()
                            .orElse(null),
                    found -> found != null);
            assertThat(processedAt.toInstant()).isEqualTo(frozen);
        }
    }

    private List<String> search(String text) {
        JsonNode found = api().get("/api/tags?contains="
                        + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8))
                .json();
        return found.valueStream().map(JsonNode::asString).toList();
    }

    private ApiClient api() {
        return ApiClient.local(port).as(TestTokens.accessToken(UUID.randomUUID()));
    }
}
