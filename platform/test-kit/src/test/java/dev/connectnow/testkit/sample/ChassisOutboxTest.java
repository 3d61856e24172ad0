package dev.connectnow.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.outbox.OutboxRelay;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.Topics;
import dev.connectnow.events.user.UserEvents;
import dev.connectnow.testkit.ApiClient;
import dev.connectnow.testkit.Await;
import dev.connectnow.testkit.EventCollector;
import dev.connectnow.testkit.EventContracts;
import dev.connectnow.testkit.ServiceIntegrationTest;
import dev.connectnow.testkit.StatementCounter;
import dev.connectnow.testkit.SwitchableTcpProxy;
import dev.connectnow.testkit.TestEvents;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestTokens;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The transactional outbox, its relay and the idempotent-consumer support, against real Kafka and PostgreSQL.
 * The relay's safety-net poll is an hour here: every event must be carried by the leader's LISTEN or the
 * in-process nudge.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "connectnow.outbox.poll-interval=1h")
@ExtendWith(OutputCaptureExtension.class)
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

    @Autowired
    OutboxRelay relay;

    @Autowired
    EventJson eventJson;

    @Autowired
    ProducerFactory<String, String> producers;

    @Autowired
    DataSourceProperties database;

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
                UserEvents.UNBANNED,
                "/test",
                noteId.toString(),
                null,
                new UserEvents.UserUnbanned(noteId, Instant.now())));
        TestEvents.send(
                EventEnvelope.of(UserEvents.UPDATED, "/test", noteId.toString(), null, update(noteId, "after")));

        assertThat(deadLetters.await(r -> noteId.toString().equals(r.key()), 1, Duration.ofSeconds(30)))
                .extracting(EventCollector.Received::type)
                .containsExactly("user.updated");
        awaitRows(noteId, 1);
        assertThat(deadLetters.drain(r -> noteId.toString().equals(r.key()), Duration.ofSeconds(1)))
                .as("the unhandled user.unbanned is ignored, not dead-lettered")
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

    @Test
    void aCommitOnAnotherReplicaWakesTheLeaderThroughPostgres() {
        // another replica's publisher: it cannot nudge this JVM's relay, only its notification can
        OutboxPublisher otherReplica = new OutboxPublisher(jdbc, eventJson, "other-replica", null, Clock.systemUTC());
        UUID subject = UUID.randomUUID();
        new TransactionTemplate(transactionManager)
                .executeWithoutResult(status ->
                        otherReplica.publish(UserEvents.UPDATED, subject, update(subject, "from another replica")));

        assertThat(userTopic.await(r -> r.is("user.updated", subject), 1, Duration.ofSeconds(20)))
                .hasSize(1);
    }

    @Test
    void theLeadersOwnCommitIsCarriedByItsNudgeWithoutANotification() throws Exception {
        Await.until("this replica's relay leads", relay::isLeader);
        try (Connection listening =
                        DriverManager.getConnection(database.getUrl(), database.getUsername(), database.getPassword());
                Statement statement = listening.createStatement()) {
            statement.execute("listen " + OutboxRelay.CHANNEL);
            PGConnection notifications = listening.unwrap(PGConnection.class);

            UUID own = UUID.randomUUID();
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(
                            status -> outbox.publish(UserEvents.UPDATED, own, update(own, "on the leader's replica")));
            // the poll is an hour: only the nudge can have carried it
            assertThat(userTopic.await(r -> r.is("user.updated", own), 1, Duration.ofSeconds(20)))
                    .hasSize(1);
            assertThat(notifications.getNotifications(200)).isNullOrEmpty();

            // the same listener hears a replica that does not lead
            OutboxPublisher otherReplica =
                    new OutboxPublisher(jdbc, eventJson, "other-replica", null, Clock.systemUTC());
            UUID other = UUID.randomUUID();
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(status ->
                            otherReplica.publish(UserEvents.UPDATED, other, update(other, "on another replica")));
            assertThat(notifications.getNotifications(5000)).isNotEmpty();
        }
    }

    @Test
    void aStandbysCommitsWakeTheLeaderThroughANotificationSentOutsideTheirTransactions() throws Exception {
        Await.until("the service's relay leads", relay::isLeader);
        // another replica: its relay stands by, its notifier has a connection pool of its own
        JdbcTemplate standbyDatabase = new JdbcTemplate(OutboxRelay.dedicatedConnections(
                database.getUrl(), database.getUsername(), database.getPassword(), "standby replica pool"));
        OutboxRelay standby = anotherRelay("standby replica", standbyDatabase, producers);
        standby.start();
        try (Connection listening =
                        DriverManager.getConnection(database.getUrl(), database.getUsername(), database.getPassword());
                Statement statement = listening.createStatement()) {
            statement.execute("listen " + OutboxRelay.CHANNEL);
            PGConnection notifications = listening.unwrap(PGConnection.class);
            Await.until("the standby is connected", () -> sessionsNamed("standby replica outbox relay") == 1);
            OutboxPublisher standbyPublisher =
                    new OutboxPublisher(jdbc, eventJson, "standby-replica", standby, Clock.systemUTC());

            List<UUID> subjects = new ArrayList<>();
            List<Integer> writers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID subject = UUID.randomUUID();
                subjects.add(subject);
                writers.add(new TransactionTemplate(transactionManager).execute(status -> {
                    standbyPublisher.publish(UserEvents.UPDATED, subject, update(subject, "on a standby's replica"));
                    return jdbc.queryForObject("select pg_backend_pid()", Integer.class);
                }));
            }

            // the poll is an hour: only a notification can have woken the leader
            assertThat(userTopic.await(
                            r -> subjects.stream().anyMatch(subject -> r.is("user.updated", subject)),
                            5,
                            Duration.ofSeconds(20)))
                    .hasSize(5);
            List<Integer> notifiers = new ArrayList<>();
            for (PGNotification[] heard = notifications.getNotifications(5000);
                    heard != null && heard.length > 0;
                    heard = notifications.getNotifications(500)) {
                for (PGNotification notification : heard) {
                    notifiers.add(notification.getPID());
                }
            }
            // a transaction that notifies holds PostgreSQL's notification queue lock at its commit: none of the
            // writers' did, the standby's notifier announced their commits afterwards
            assertThat(notifiers).isNotEmpty().doesNotContainAnyElementsOf(writers);
        } finally {
            standby.stop();
        }
    }

    @Test
    void eventsOfOneKeyArriveInTheOrderTheyWereCommitted() {
        UUID key = UUID.randomUUID();
        TransactionTemplate tx = new TransactionTemplate(transactionManager);
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = "event " + i;
            published.add(name);
            tx.executeWithoutResult(status -> outbox.publish(UserEvents.UPDATED, key, update(key, name)));
        }
        tx.executeWithoutResult(status -> {
            for (int i = 40; i < 50; i++) {
                String name = "event " + i;
                published.add(name);
                outbox.publish(UserEvents.UPDATED, key, update(key, name));
            }
        });

        assertThat(userTopic.await(r -> r.is("user.updated", key), 50, Duration.ofSeconds(30)))
                .extracting(r -> r.data().get("displayName").asString())
                .containsExactlyElementsOf(published);
    }

    @Test
    void aTrickleOfCommitsIsDeletedFromTheOutboxTogetherNotATransactionPerEvent() throws Exception {
        Await.until("this replica's relay leads", relay::isLeader);
        // an earlier test's rows may still wait for their delete, which would fall inside the count below
        Await.until(
                "no earlier test's row awaits its delete",
                () -> jdbc.queryForObject("select count(*) from outbox_event", Long.class) == 0);
        try (StatementCounter deletes = StatementCounter.on(jdbc.getDataSource(), "outbox_event", "delete")) {
            UUID key = UUID.randomUUID();
            TransactionTemplate tx = new TransactionTemplate(transactionManager);
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                String name = "trickle " + i;
                tx.executeWithoutResult(status -> outbox.publish(UserEvents.UPDATED, key, update(key, name)));
                // each commit published before the next: a pass per event, as in a chat
                assertThat(userTopic.await(
                                r -> r.is("user.updated", key)
                                        && r.data()
                                                .get("displayName")
                                                .asString()
                                                .equals(name),
                                1,
                                Duration.ofSeconds(20)))
                        .hasSize(1);
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            // the poll is an hour: without a further commit, the worker itself deletes what is due
            Await.until("the outbox is empty", () -> pendingRows(List.of(key)) == 0);

            assertThat(deletes.count())
                    .as(
                            "20 passes in %d ms: one delete per %d ms at most (and the last one), not one per pass",
                            elapsedMillis, OutboxRelay.DELETE_DELAY_MILLIS)
                    .isPositive()
                    .isLessThanOrEqualTo((int) (elapsedMillis / OutboxRelay.DELETE_DELAY_MILLIS) + 1);
        }
    }

    @Test
    void aBacklogDrainsInBatchesEachEventOnceInCommitOrderAndLeavesTheTableEmpty() {
        UUID key = UUID.randomUUID();
        List<String> published = new ArrayList<>();
        relay.stop();
        OutboxRelay smallBatches = null;
        try {
            TransactionTemplate tx = new TransactionTemplate(transactionManager);
            for (int i = 0; i < 25; i++) {
                String name = "backlog " + i;
                published.add(name);
                tx.executeWithoutResult(status -> outbox.publish(UserEvents.UPDATED, key, update(key, name)));
            }
            // passes of 10: two full ones, each deleting the previous batch and reading the next while Kafka
            // acknowledges, then one of 5
            ChassisProperties.Outbox settings = relaySettings();
            settings.setBatchSize(10);
            smallBatches = anotherRelay("small batches", jdbc, producers, settings);
            smallBatches.start();

            assertThat(userTopic.await(r -> r.is("user.updated", key), 25, Duration.ofSeconds(30)))
                    .extracting(r -> r.data().get("displayName").asString())
                    .containsExactlyElementsOf(published);
            Await.until("the outbox is empty", () -> pendingRows(List.of(key)) == 0);
        } finally {
            if (smallBatches != null) {
                smallBatches.stop();
            }
            relay.start();
        }
        assertThat(userTopic.drain(r -> r.is("user.updated", key), Duration.ofSeconds(2)))
                .as("no event sent twice")
                .hasSize(25);
    }

    @Test
    void oneRelayLeadsPerDatabaseAndALostLeaderConnectionIsTakenOver() {
        Await.until("the service's relay leads", relay::isLeader);
        OutboxRelay secondReplica = anotherRelay("second replica", producers);
        secondReplica.start();
        try {
            Await.until(
                    "the second replica's relay is connected", () -> sessionsNamed("second replica outbox relay") == 1);
            // it retries the lock every second: never granted while the first leads
            Awaitility.await()
                    .during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> relay.isLeader() && !secondReplica.isLeader());

            // the leader's session ends (a crash, a network cut, a DBA): exactly one relay leads again
            jdbc.queryForList("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted"
                    + " and database = (select oid from pg_database where datname = current_database())");
            Await.until("a relay leads again", () -> relay.isLeader() ^ secondReplica.isLeader());
            Awaitility.await()
                    .during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> !(relay.isLeader() && secondReplica.isLeader()));
            UUID whileEitherLeads = UUID.randomUUID();
            new TransactionTemplate(transactionManager)
                    .executeWithoutResult(status -> outbox.publish(
                            UserEvents.UPDATED, whileEitherLeads, update(whileEitherLeads, "after the takeover")));
            assertThat(userTopic.await(r -> r.is("user.updated", whileEitherLeads), 1, Duration.ofSeconds(20)))
                    .hasSize(1);
        } finally {
            secondReplica.stop();
        }
        Await.until("the service's relay leads once the second replica stopped", relay::isLeader);
    }

    @Test
    void noDatabaseTransactionStaysOpenWhileTheRelayWaitsForKafka() throws Exception {
        String[] broker = TestKafka.shared().bootstrapServers().split(",")[0].split(":");
        UUID subject = UUID.randomUUID();
        relay.stop();
        try (SwitchableTcpProxy unreachableKafka = new SwitchableTcpProxy(broker[0], Integer.parseInt(broker[1]))) {
            // every send blocks for max.block.ms waiting for a broker that never answers, then fails
            DefaultKafkaProducerFactory<String, String> producersWithoutKafka =
                    new DefaultKafkaProducerFactory<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            unreachableKafka.address(),
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            4000,
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                            StringSerializer.class,
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                            StringSerializer.class));
            OutboxRelay waitingForKafka = anotherRelay("waiting", producersWithoutKafka);
            waitingForKafka.start();
            try {
                new TransactionTemplate(transactionManager)
                        .executeWithoutResult(status ->
                                outbox.publish(UserEvents.UPDATED, subject, update(subject, "while Kafka is away")));
                Await.until("the relay is waiting for Kafka", () -> unreachableKafka.refusedConnections() > 0);
                // the relay spends nearly all of this time inside a send; before, its transaction was open meanwhile
                Awaitility.await()
                        .during(Duration.ofSeconds(6))
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> transactionsIdleForASecond() == 0);
                assertThat(pendingRows(List.of(subject))).isEqualTo(1);
            } finally {
                waitingForKafka.stop();
                producersWithoutKafka.destroy();
            }
        } finally {
            relay.start();
        }
        assertThat(userTopic.await(r -> r.is("user.updated", subject), 1, Duration.ofSeconds(20)))
                .hasSize(1);
    }

    /** A relay as another replica of this service runs it: same database, its own leader connection. */
    private OutboxRelay anotherRelay(String name, ProducerFactory<String, String> kafka) {
        return anotherRelay(name, jdbc, kafka);
    }

    /** Another replica's relay: a leader connection of its own, its statements on {@code pooled}. */
    private OutboxRelay anotherRelay(String name, JdbcTemplate pooled, ProducerFactory<String, String> kafka) {
        return anotherRelay(name, pooled, kafka, relaySettings());
    }

    private OutboxRelay anotherRelay(
            String name,
            JdbcTemplate pooled,
            ProducerFactory<String, String> kafka,
            ChassisProperties.Outbox settings) {
        return new OutboxRelay(
                pooled,
                OutboxRelay.dedicatedConnections(
                        database.getUrl(), database.getUsername(), database.getPassword(), name),
                kafka,
                settings,
                new SimpleMeterRegistry());
    }

    /** The relay's defaults, with this test's poll interval: every event must be carried by a wake-up. */
    private static ChassisProperties.Outbox relaySettings() {
        ChassisProperties.Outbox settings = new ChassisProperties.Outbox();
        settings.setPollInterval(Duration.ofHours(1));
        return settings;
    }

    private int transactionsIdleForASecond() {
        return jdbc.queryForObject(
                "select count(*) from pg_stat_activity where datname = current_database()"
                        + " and state like 'idle in transaction%' and state_change < now() - interval '1 second'",
                Integer.class);
    }

    @Test
    void aRestartedRelaySendsWhatWasLeftInTheTable() {
        relay.stop();
        List<UUID> subjects = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        try {
            TransactionTemplate tx = new TransactionTemplate(transactionManager);
            subjects.forEach(subject -> tx.executeWithoutResult(
                    status -> outbox.publish(UserEvents.UPDATED, subject, update(subject, "left behind"))));
            assertThat(pendingRows(subjects)).as("nothing relays while stopped").isEqualTo(3);
        } finally {
            relay.start();
        }
        for (UUID subject : subjects) {
            assertThat(userTopic.await(r -> r.is("user.updated", subject), 1, Duration.ofSeconds(20)))
                    .hasSize(1);
        }
        Await.until("the outbox is empty", () -> pendingRows(subjects) == 0);
    }

    @Test
    void aConsumerFailingOnAUniqueConstraintLogsTheConstraintNeverTheValue(CapturedOutput output) {
        String username = "private-name-" + UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // one key, so one partition: the second registration is applied after the first and collides with it
        String key = first.toString();
        TestEvents.send(
                EventEnvelope.of(
                        UserEvents.REGISTERED,
                        "/test",
                        first.toString(),
                        null,
                        new UserEvents.UserRegistered(first, username, "First", null, Instant.now())),
                key);
        TestEvents.send(
                EventEnvelope.of(
                        UserEvents.REGISTERED,
                        "/test",
                        second.toString(),
                        null,
                        new UserEvents.UserRegistered(second, username, "Second", null, Instant.now())),
                key);

        assertThat(deadLetters.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30)))
                .extracting(EventCollector.Received::subject)
                .containsExactly(second.toString());
        assertThat(output.getAll())
                .contains("known_username_uq")
                .contains("sent to " + Topics.deadLetter(Topics.USER))
                .doesNotContain(username);
        assertThat(output.getAll().lines().filter(line -> line.contains("KafkaErrorHandling")))
                .as("one line per failed attempt, no stack traces")
                .allSatisfy(line -> assertThat(line).doesNotContain("ERROR"));
        assertThat(output.getAll()).doesNotContain("\tat org.springframework.kafka");
    }

    private int sessionsNamed(String applicationName) {
        return jdbc.queryForObject(
                "select count(*) from pg_stat_activity where datname = current_database() and application_name = ?",
                Integer.class,
                applicationName);
    }

    private int pendingRows(List<UUID> subjects) {
        return jdbc.queryForObject("select count(*) from outbox_event where event_key = any(?)", Integer.class, (Object)
                subjects.stream().map(UUID::toString).toArray(String[]::new));
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
