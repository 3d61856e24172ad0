package dev.connectnow.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventContracts;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The transactional outbox, its relay and the idempotent-consumer support, against real Kafka and PostgreSQL. */
@ServiceIntegrationTest
class ChassisOutboxTest {

    private static EventCollector userTopic;
    private static EventCollector deadLetters;

    @LocalServerPort
    int port;

    @Autowired
    OutboxPublisher outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeAll
    static void subscribe() {
        userTopic = new EventCollector(Topics.USER);
        deadLetters = EventCollector.deadLettersOf(Topics.USER);
    }

    @AfterAll
    static void close() {
        userTopic.close();
        deadLetters.close();
    }

    @Test
    void anEventCommittedWithItsStateChangeIsPublishedOnceWithTheEnvelope() {
        UUID owner = UUID.randomUUID();
        ApiClient.Response created =
                ApiClient.local(port).as(TestTokens.accessToken(owner)).post("/api/notes", Map.of("text", "first"));
        String noteId = created.text("id");

        List<EventCollector.Received> events =
                userTopic.await(r -> r.is("user.updated", noteId), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        EventCollector.Received event = events.get(0);
        assertThat(event.topic()).isEqualTo(Topics.USER);
        assertThat(event.key()).isEqualTo(noteId);
        JsonNode envelope = event.envelope();
        assertThat(envelope.get("specversion").asString()).isEqualTo("1.0");
        assertThat(envelope.get("source").asString()).isEqualTo("/chassis-sample");
        assertThat(envelope.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(UUID.fromString(envelope.get("id").asString())).isNotNull();
        assertThat(Instant.parse(envelope.get("time").asString()))
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(event.data().get("displayName").asString()).isEqualTo("first");

        assertThat(userTopic.drain(r -> r.is("user.updated", noteId), Duration.ofSeconds(2)))
                .hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from outbox_event", Long.class))
                .isZero();
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID subject = UUID.randomUUID();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            outbox.publish(UserEvents.UPDATED, subject, update(subject, "rolled back"));
            status.setRollbackOnly();
        });
        assertThat(userTopic.drain(r -> r.subject().equals(subject.toString()), Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void rowsCommittedOutOfIdOrderAreAllPublished() throws Exception {
        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        CountDownLatch earlyInserted = new CountDownLatch(1);
        CountDownLatch lateDelivered = new CountDownLatch(1);
        TransactionTemplate tx = new TransactionTemplate(transactionManager);

        // the first transaction takes the lower outbox id but commits last
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            outbox.publish(UserEvents.UPDATED, early, update(early, "early id, late commit"));
            earlyInserted.countDown();
            try {
                assertThat(lateDelivered.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertThat(earlyInserted.await(10, TimeUnit.SECONDS)).isTrue();
        tx.executeWithoutResult(status -> outbox.publish(UserEvents.UPDATED, late, update(late, "late id")));

        assertThat(userTopic.await(r -> r.is("user.updated", late), 1, Duration.ofSeconds(20)))
                .hasSize(1);
        lateDelivered.countDown();
        slow.get(30, TimeUnit.SECONDS);
        assertThat(userTopic.await(r -> r.is("user.updated", early), 1, Duration.ofSeconds(20)))
                .hasSize(1);
    }

    @Test
    void aRedeliveredEventTakesEffectOnceAndAMalformedRecordIsDeadLettered() {
        UUID noteId = UUID.randomUUID();
        EventEnvelope<UserEvents.UserUpdated> event =
                EventEnvelope.of(UserEvents.UPDATED, "/test", noteId.toString(), null, update(noteId, "twice"));
        UUID marker = UUID.randomUUID();
        TestEvents.send(event);
        TestEvents.sendRaw(Topics.USER, noteId.toString(), "{not an event");
        TestEvents.send(event);
        // same key, so same partition: once this one is applied, the redelivery before it was handled
        TestEvents.send(
                EventEnvelope.of(UserEvents.UPDATED, "/test", noteId.toString(), null, update(marker, "marker")),
                noteId.toString());

        assertThat(deadLetters.await(r -> noteId.toString().equals(r.key()), 1, Duration.ofSeconds(30)))
                .extracting(EventCollector.Received::value)
                .containsExactly("{not an event");
        awaitRows(marker, 1);
        assertThat(receivedRows(noteId)).as("applied once").isEqualTo(1);
    }

    @Test
    void theDispatcherDeadLettersAPayloadWithoutARequiredFieldAndIgnoresTypesItDoesNotHandle() {
        UUID noteId = UUID.randomUUID();
        ObjectNode withoutUser = EventContracts.goldenTree(UserEvents.UPDATED);
        withoutUser.put("id", UUID.randomUUID().toString());
        ((ObjectNode) withoutUser.get("data")).putNull("userId");
        TestEvents.send(withoutUser, noteId.toString());
        TestEvents.send(EventEnvelope.of(
                UserEvents.REGISTERED,
                "/test",
                noteId.toString(),
                null,
                new UserEvents.UserRegistered(noteId, "n", "not handled", null, Instant.now())));
        TestEvents.send(
                EventEnvelope.of(UserEvents.UPDATED, "/test", noteId.toString(), null, update(noteId, "after")));

        assertThat(deadLetters.await(r -> noteId.toString().equals(r.key()), 1, Duration.ofSeconds(30)))
                .extracting(EventCollector.Received::type)
                .containsExactly("user.updated");
        awaitRows(noteId, 1);
        assertThat(deadLetters.drain(r -> noteId.toString().equals(r.key()), Duration.ofSeconds(1)))
                .as("the unhandled user.registered is ignored, not dead-lettered")
                .hasSize(1);
    }

    @Test
    void theGoldenDocumentOfAnEventGoesThroughTheRealListener() {
        UUID goldenUser = UUID.fromString(EventContracts.goldenTree(UserEvents.UPDATED)
                .get("data")
                .get("userId")
                .asString());
        TestEvents.sendGolden(UserEvents.UPDATED);
        awaitRows(goldenUser, 1);
    }

    private void awaitRows(UUID noteId, long expected) {
        Await.until("note " + noteId + " applied " + expected + " time(s)", () -> receivedRows(noteId) >= expected);
    }

    private long receivedRows(UUID noteId) {
        return jdbc.queryForObject("select count(*) from received_note_event where note_id = ?", Long.class, noteId);
    }

    private static UserEvents.UserUpdated update(UUID id, String name) {
        return new UserEvents.UserUpdated(id, "n", name, null, null, Instant.now());
    }
}
