package dev.connectnow.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The transactional outbox, its relay and the idempotent-consumer support, against real Kafka and PostgreSQL. */
@ServiceIntegrationTest
class ChassisOutboxTest {

    private static EventCollector userTopic;

    @LocalServerPort
    int port;

    @Autowired
    OutboxPublisher outbox;

    @Autowired
    EventJson eventJson;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeAll
    static void subscribe() {
        userTopic = new EventCollector(Topics.USER, Topics.deadLetter(Topics.USER));
    }

    @AfterAll
    static void close() {
        userTopic.close();
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
        String value = eventJson.write(
                EventEnvelope.of(UserEvents.UPDATED, "/test", noteId.toString(), null, update(noteId, "twice")));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        TestKafka.shared().bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.USER, noteId.toString(), value));
            producer.send(new ProducerRecord<>(Topics.USER, noteId.toString(), "{not an event"));
            producer.send(new ProducerRecord<>(Topics.USER, noteId.toString(), value));
            producer.flush();
        }
        assertThat(userTopic.await(
                        r -> r.topic().equals(Topics.deadLetter(Topics.USER))
                                && noteId.toString().equals(r.key()),
                        1,
                        Duration.ofSeconds(30)))
                .hasSize(1);
        awaitRows(noteId, 1);
        assertThat(userTopic.drain(r -> false, Duration.ofSeconds(2))).isEmpty();
        assertThat(jdbc.queryForObject(
                        "select count(*) from received_note_event where note_id = ?", Long.class, noteId))
                .isEqualTo(1);
    }

    private void awaitRows(UUID noteId, long expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long rows = 0;
        while (System.nanoTime() < deadline) {
            rows = jdbc.queryForObject(
                    "select count(*) from received_note_event where note_id = ?", Long.class, noteId);
            if (rows >= expected) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(rows).isEqualTo(expected);
    }

    private static UserEvents.UserUpdated update(UUID id, String name) {
        return new UserEvents.UserUpdated(id, "n", name, null, null, Instant.now());
    }
}
