package dev.connectnow.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.connectnow.chassis.config.ChassisProperties;
import dev.connectnow.chassis.outbox.EventJson;
import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.chassis.outbox.OutboxRelay;
import dev.connectnow.events.EventEnvelope;
import dev.connectnow.events.EventType;
import dev.connectnow.testkit.TestKafka;
import dev.connectnow.testkit.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox against real PostgreSQL and Kafka, each figure next to a baseline measured in the
 * same run:
 * <ol>
 *   <li>write cost: N one-event transactions through {@link OutboxPublisher} ÷ N one-row transactions
 *   inserting the same row shape into a plain table — what a request pays for its event;</li>
 *   <li>relay drain: how fast a backlog of N events (e.g. after a Kafka outage) is relayed and consumed, ÷ the
 *   same N records produced straight to Kafka with the relay's producer settings and consumed (the ceiling
 *   this machine's broker and consumer allow);</li>
 *   <li>latency, open model: events committed at a fixed rate, from the intended send time to consumption, as
 *   HdrHistogram percentiles (coordinated omission avoided by the intended-time clock); the baseline sends
 *   each record straight to Kafka right after its transaction commits, so the difference is what the
 *   outbox's hop (notification, read, delete) adds.</li>
 * </ol>
 * The relay runs exactly as in a service: leader connection with LISTEN, no transaction across Kafka.
 */
final class OutboxBench {

    record BenchPayload(long intendedNanos, String text) {}

    private static final EventType<BenchPayload> BENCH_EVENT =
            EventType.define("bench.outbox", "connectnow.bench", BenchPayload.class);
    private static final String TEXT = "x".repeat(200);
    /** Concurrent publishers in the latency phase, within the connection pool's size. */
    private static final int SENDERS = 8;

    private final int events;
    private final int ratePerSecond;
    private final int seconds;

    OutboxBench(int events, int ratePerSecond, int seconds) {
        this.events = events;
        this.ratePerSecond = ratePerSecond;
        this.seconds = seconds;
    }

    void run() throws Exception {
        TestPostgres.Database database = TestPostgres.shared().createDatabase();
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(database.jdbcUrl());
            dataSource.setUsername(database.username());
            dataSource.setPassword(database.password());
            dataSource.setMaximumPoolSize(SENDERS + 2);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/chassis")
                    .load()
                    .migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("create table baseline_event (like outbox_event including all)");
            TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));

            String bootstrap = TestKafka.shared().bootstrapServers();
            // the chassis' producer defaults (connectnow-chassis-kafka.yml); the relay drops linger itself
            DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                            5,
                            ProducerConfig.LINGER_MS_CONFIG,
                            5),
                    new StringSerializer(),
                    new StringSerializer());
            KafkaTemplate<String, String> direct =
                    new KafkaTemplate<>(producers, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
            ChassisProperties.Outbox settings = new ChassisProperties.Outbox();
            OutboxRelay relay = new OutboxRelay(
                    jdbc,
                    OutboxRelay.dedicatedConnections(
                            database.jdbcUrl(), database.username(), database.password(), "bench"),
                    producers,
                    settings,
                    new SimpleMeterRegistry());
            EventJson json = new EventJson(JsonMapper.builder().build());
            OutboxPublisher publisher = new OutboxPublisher(jdbc, json, "bench", relay, Clock.systemUTC());

            System.out.printf(
                    "outbox benchmark: %d events, PostgreSQL %s, Kafka %s, %d cores%n",
                    events,
                    database.jdbcUrl().replaceAll("\\?.*", ""),
                    bootstrap,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    "JVM %s, GC %s, flags %s%n",
                    Runtime.version(),
                    ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(GarbageCollectorMXBean::getName)
                            .collect(Collectors.joining(" + ")),
                    ManagementFactory.getRuntimeMXBean().getInputArguments());
            // the write phase runs on a replica whose relay stands by: another replica's leader (a session holding
            // the lock and listening) is woken by this relay's notifier
            LeaderOnAnotherReplica otherLeader = new LeaderOnAnotherReplica(database);
            relay.start();
            warmUp(jdbc, transactions, publisher, json, direct);

            try (EventCounter counter = new EventCounter(bootstrap, BENCH_EVENT.topic())) {
                // 1. write cost, in alternating rounds so warm-up and background noise hit both sides alike: what a
                // request's transaction pays (the row; the standby's notifier wakes the leader after commit); the
                // relay's own work is measured by the drain, not charged to the writers' CPU here
                long notifiedBefore = otherLeader.notifications();
                Runnable baselineTx = () -> transactions.executeWithoutResult(s -> insertBaselineRow(jdbc, json));
                Runnable outboxTx = () -> transactions.executeWithoutResult(s ->
                        publisher.publish(BENCH_EVENT, UUID.randomUUID(), new BenchPayload(System.nanoTime(), TEXT)));
                Rate baseline = new Rate();
                Rate outbox = new Rate();
                int rounds = 10;
                for (int round = 0; round < rounds; round++) {
                    baseline.measure(baselineTx, events / rounds);
                    outbox.measure(outboxTx, events / rounds);
                }
                baseline.print("write baseline: plain insert of the same row, one per transaction");
                outbox.print("write outbox on a replica that does not lead: OutboxPublisher.publish (row; the"
                        + " leader notified after commit), one event per transaction");
                System.out.printf(
                        "  write-cost ratio outbox/baseline throughput: %.2f%n",
                        outbox.perSecond() / baseline.perSecond());
                relay.stop();
                System.out.printf(
                        "  notifications received by the other replica's leader: %d for %d commits%n",
                        otherLeader.close() - notifiedBefore, events);
                jdbc.execute("truncate outbox_event");

                // 2. drain of a backlog (as after a Kafka outage), against the same records produced straight to
                // Kafka: the ceiling of this machine's broker and consumer
                for (int i = 0; i < events; i++) {
                    outboxTx.run();
                }
                long directStart = System.nanoTime();
                long target = counter.count() + events;
                List<CompletableFuture<?>> sent = new ArrayList<>(events);
                for (int i = 0; i < events; i++) {
                    sent.add(direct.send(BENCH_EVENT.topic(), UUID.randomUUID().toString(), directRecord(json, 0)));
                }
                counter.awaitCount(target, Duration.ofMinutes(5));
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                double directSeconds = (System.nanoTime() - directStart) / 1e9;

                long drainStart = System.nanoTime();
                relay.start();
                counter.awaitCount(target + events, Duration.ofMinutes(5));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                System.out.printf(
                        "drain baseline: %d records produced straight to Kafka and consumed in %.2f s = %.0f events/s%n",
                        events, directSeconds, events / directSeconds);
                System.out.printf(
                        "drain outbox: %d events relayed (leader election included) and consumed in %.2f s = %.0f"
                                + " events/s%n",
                        events, drainSeconds, events / drainSeconds);
                System.out.printf("  drain ratio outbox/baseline: %.2f%n", directSeconds / drainSeconds);

                // 3. open-model latency: straight to Kafka after commit, then through the outbox
                Histogram directLatency = counter.measureLatency(ratePerSecond, seconds, intended -> {
                    transactions.executeWithoutResult(s -> insertBaselineRow(jdbc, json));
                    direct.send(BENCH_EVENT.topic(), UUID.randomUUID().toString(), directRecord(json, intended));
                });
                long cpuBefore = processCpuNanos();
                Histogram outboxLatency = counter.measureLatency(
                        ratePerSecond,
                        seconds,
                        intended -> transactions.executeWithoutResult(s ->
                                publisher.publish(BENCH_EVENT, UUID.randomUUID(), new BenchPayload(intended, TEXT))));
                long cpu = processCpuNanos() - cpuBefore;
                printLatency("latency baseline (commit, then send to Kafka)", directLatency);
                printLatency("latency outbox (commit, relay, Kafka)", outboxLatency);
                System.out.printf(
                        "  the outbox adds p50 %.1f ms, p99 %.1f ms; process CPU per outbox event (publish + relay +"
                                + " consume, all in this JVM): %.0f µs%n",
                        (outboxLatency.getValueAtPercentile(50) - directLatency.getValueAtPercentile(50)) / 1e6,
                        (outboxLatency.getValueAtPercentile(99) - directLatency.getValueAtPercentile(99)) / 1e6,
                        cpu / 1e3 / ((double) ratePerSecond * seconds));
            } finally {
                relay.stop();
                direct.destroy();
                producers.destroy();
            }
        }
    }

    private void printLatency(String label, Histogram latency) {
        System.out.printf(
                "%s at %d events/s for %d s, intended send → consumed: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                        + " max %.1f ms%n",
                label,
                ratePerSecond,
                seconds,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getValueAtPercentile(99.9) / 1e6,
                latency.getMaxValue() / 1e6);
    }

    private void warmUp(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            OutboxPublisher publisher,
            EventJson json,
            KafkaTemplate<String, String> direct) {
        for (int i = 0; i < 1000; i++) {
            transactions.executeWithoutResult(s -> insertBaselineRow(jdbc, json));
            transactions.executeWithoutResult(
                    s -> publisher.publish(BENCH_EVENT, UUID.randomUUID(), new BenchPayload(System.nanoTime(), TEXT)));
            direct.send(BENCH_EVENT.topic(), UUID.randomUUID().toString(), directRecord(json, 0));
        }
        direct.flush();
        jdbc.execute("truncate baseline_event");
        jdbc.execute("truncate outbox_event");
    }

    private static String directRecord(EventJson json, long intendedNanos) {
        return json.write(EventEnvelope.of(
                BENCH_EVENT, "/bench", UUID.randomUUID().toString(), null, new BenchPayload(intendedNanos, TEXT)));
    }

    private static void insertBaselineRow(JdbcTemplate jdbc, EventJson json) {
        EventEnvelope<BenchPayload> envelope = EventEnvelope.of(
                BENCH_EVENT, "/bench", UUID.randomUUID().toString(), null, new BenchPayload(System.nanoTime(), TEXT));
        jdbc.update(
                "insert into baseline_event (event_id, topic, event_key, event_type, payload, created_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                envelope.id(),
                BENCH_EVENT.topic(),
                envelope.subject(),
                BENCH_EVENT.name(),
                json.write(envelope),
                Timestamp.from(Instant.now()));
    }

    /** Accumulates wall and CPU time of transactions measured in several rounds. */
    private static final class Rate {
        private long operations;
        private long wallNanos;
        private long cpuNanos;

        void measure(Runnable operation, int times) {
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                operation.run();
            }
            wallNanos += System.nanoTime() - start;
            cpuNanos += processCpuNanos() - cpuBefore;
            operations += times;
        }

        double perSecond() {
            return operations / (wallNanos / 1e9);
        }

        void print(String label) {
            System.out.printf(
                    "%s: %.0f tx/s (%.1f µs process CPU per tx)%n", label, perSecond(), cpuNanos / 1e3 / operations);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Counts bench events on the topic from the moment it is created; records latency while measuring. */
    private static final class EventCounter implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Thread poller;
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Histogram> recording = new AtomicReference<>();
        private final JsonMapper json = JsonMapper.builder().build();

        EventCounter(String bootstrap, String topic) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "bench-" + UUID.randomUUID(),
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "latest",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false),
                    new StringDeserializer(),
                    new StringDeserializer());
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            poller = new Thread(this::poll, "bench-consumer");
            poller.start();
        }

        private void poll() {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    Histogram latencies = recording.get();
                    if (latencies != null) {
                        JsonNode data = json.readTree(record.value()).get("data");
                        long intended = data.get("intendedNanos").asLong();
                        latencies.recordValue(Math.max(0, System.nanoTime() - intended));
                    }
                    count.incrementAndGet();
                }
            }
            consumer.close();
        }

        long count() {
            return count.get();
        }

        /** Runs {@code send(intendedNanos)} at a fixed rate and records each event's latency until all arrived. */
        Histogram measureLatency(int ratePerSecond, int seconds, LongConsumer send) throws InterruptedException {
            Histogram latencies = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
            long expected = count() + (long) ratePerSecond * seconds;
            recording.set(latencies);
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long start = System.nanoTime();
            // each send on a pool thread at its intended time, as concurrent requests would: one slow commit does
            // not hold back the ones after it (its own latency still counts from its intended time)
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            try {
                for (long i = 0; i < (long) ratePerSecond * seconds; i++) {
                    long intended = start + i * intervalNanos;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    senders.execute(() -> send.accept(intended));
                }
                awaitCount(expected, Duration.ofMinutes(2));
            } finally {
                senders.shutdown();
            }
            recording.set(null);
            return latencies;
        }

        void awaitCount(long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + count.get() + " of " + expected + " events arrived");
                }
                Thread.sleep(5);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join(5000);
        }
    }

    /**
     * A session that holds the relay's lock and LISTENs as a leader on another replica does, counting the
     * notifications it receives; closing it hands leadership to this JVM's relay.
     */
    private static final class LeaderOnAnotherReplica {
        private final Connection connection;
        private final Thread reader;
        private final AtomicLong received = new AtomicLong();
        private volatile boolean running = true;

        LeaderOnAnotherReplica(TestPostgres.Database database) throws SQLException {
            connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_lock(" + OutboxRelay.ADVISORY_LOCK_KEY + ")");
                statement.execute("listen " + OutboxRelay.CHANNEL);
            }
            PGConnection notifications = connection.unwrap(PGConnection.class);
            reader = new Thread(() -> {
                while (running) {
                    try {
                        PGNotification[] batch = notifications.getNotifications(100);
                        received.addAndGet(batch == null ? 0 : batch.length);
                    } catch (SQLException e) {
                        return;
                    }
                }
            });
            reader.start();
        }

        long notifications() {
            return received.get();
        }

        long close() throws Exception {
            Thread.sleep(200); // the last commits' notifications
            running = false;
            reader.join();
            connection.close();
            return received.get();
        }
    }
}
