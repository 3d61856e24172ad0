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
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox against real PostgreSQL and Kafka:
 * <ol>
 *   <li>write cost: N one-event transactions through {@link OutboxPublisher} ÷ N one-row transactions
 *   inserting the same row shape into a plain table (the baseline) — what a request pays for its event;</li>
 *   <li>relay throughput: how fast a backlog of N events (e.g. after a Kafka outage) drains to a consumer;</li>
 *   <li>latency, open model: events published at a fixed rate, latency from the intended send time to
 *   consumption, HdrHistogram percentiles (coordinated omission is avoided by the intended-time clock).</li>
 * </ol>
 */
final class OutboxBench {

    record BenchPayload(long intendedNanos, String text) {}

    private static final EventType<BenchPayload> BENCH_EVENT =
            EventType.define("bench.outbox", "connectnow.bench", BenchPayload.class);

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
            dataSource.setMaximumPoolSize(4);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/chassis")
                    .load()
                    .migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("create table baseline_event (like outbox_event including all)");
            TransactionTemplate transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));

            String bootstrap = TestKafka.shared().bootstrapServers();
            DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ProducerConfig.ACKS_CONFIG,
                            "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                            true,
                            ProducerConfig.LINGER_MS_CONFIG,
                            5),
                    new StringSerializer(),
                    new StringSerializer());
            KafkaTemplate<String, String> kafka = new KafkaTemplate<>(producers);
            ChassisProperties.Outbox settings = new ChassisProperties.Outbox();
            OutboxRelay relay = new OutboxRelay(jdbc, transactions, kafka, settings, new SimpleMeterRegistry());
            EventJson json = new EventJson(JsonMapper.builder().build());
            OutboxPublisher publisher = new OutboxPublisher(jdbc, json, "bench", relay, Clock.systemUTC());

            System.out.printf(
                    "outbox benchmark: %d events, PostgreSQL %s, Kafka %s, %d cores%n",
                    events,
                    database.jdbcUrl().replaceAll("\\?.*", ""),
                    bootstrap,
                    Runtime.getRuntime().availableProcessors());
            warmUp(jdbc, transactions, publisher, json);

            try (EventCounter counter = new EventCounter(bootstrap, BENCH_EVENT.topic())) {
                // 1. write cost, in alternating rounds so warm-up and background noise hit both sides alike
                Runnable baselineTx = () -> transactions.executeWithoutResult(s -> insertBaselineRow(jdbc, json));
                Runnable outboxTx = () -> transactions.executeWithoutResult(s -> publisher.publish(
                        BENCH_EVENT, UUID.randomUUID(), new BenchPayload(System.nanoTime(), "x".repeat(200))));
                Rate baseline = new Rate();
                Rate outbox = new Rate();
                int rounds = 10;
                for (int round = 0; round < rounds; round++) {
                    baseline.measure(baselineTx, events / rounds);
                    outbox.measure(outboxTx, events / rounds);
                }
                baseline.print("baseline: plain insert of the same row, one per transaction");
                outbox.print("outbox: OutboxPublisher.publish, one event per transaction");
                System.out.printf(
                        "  write-cost ratio outbox/baseline throughput: %.2f%n",
                        outbox.perSecond() / baseline.perSecond());

                // 2. relay drain of the backlog just written
                long drainStart = System.nanoTime();
                relay.start();
                counter.awaitCount(events, Duration.ofMinutes(5));
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                System.out.printf(
                        "relay drain: %d events to Kafka and consumed in %.2f s = %.0f events/s%n",
                        events, drainSeconds, events / drainSeconds);

                // 3. open-model latency
                counter.recordLatencies(true);
                long total = (long) ratePerSecond * seconds;
                long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
                long start = System.nanoTime();
                long cpuBefore = processCpuNanos();
                for (long i = 0; i < total; i++) {
                    long intended = start + i * intervalNanos;
                    long wait = intended - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    transactions.executeWithoutResult(s -> publisher.publish(
                            BENCH_EVENT, UUID.randomUUID(), new BenchPayload(intended, "x".repeat(200))));
                }
                counter.awaitCount(events + total, Duration.ofMinutes(2));
                long cpu = processCpuNanos() - cpuBefore;
                Histogram latency = counter.latencies();
                System.out.printf(
                        "latency at %d events/s for %d s (intended send → consumed): p50 %.1f ms, "
                                + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                        ratePerSecond,
                        seconds,
                        latency.getValueAtPercentile(50) / 1e6,
                        latency.getValueAtPercentile(99) / 1e6,
                        latency.getValueAtPercentile(99.9) / 1e6,
                        latency.getMaxValue() / 1e6);
                System.out.printf(
                        "  process CPU per event (publish + relay + consume, all in this JVM): %.0f µs%n",
                        cpu / 1e3 / total);
            } finally {
                relay.stop();
                producers.destroy();
            }
        }
    }

    private void warmUp(
            JdbcTemplate jdbc, TransactionTemplate transactions, OutboxPublisher publisher, EventJson json) {
        for (int i = 0; i < 1000; i++) {
            transactions.executeWithoutResult(s -> insertBaselineRow(jdbc, json));
            transactions.executeWithoutResult(s ->
                    publisher.publish(BENCH_EVENT, UUID.randomUUID(), new BenchPayload(System.nanoTime(), "warm-up")));
        }
        jdbc.execute("truncate baseline_event");
        jdbc.execute("truncate outbox_event");
    }

    private static void insertBaselineRow(JdbcTemplate jdbc, EventJson json) {
        EventEnvelope<BenchPayload> envelope = EventEnvelope.of(
                BENCH_EVENT,
                "/bench",
                UUID.randomUUID().toString(),
                null,
                new BenchPayload(System.nanoTime(), "x".repeat(200)));
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

    /** Counts bench events on the topic from the moment it is created, optionally recording latency. */
    private static final class EventCounter implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Thread poller;
        private final AtomicLong count = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicBoolean recording = new AtomicBoolean();
        private final Histogram latencies = new Histogram(TimeUnit.MINUTES.toNanos(2), 3);
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
                    if (recording.get()) {
                        JsonNode data = json.readTree(record.value()).get("data");
                        long intended = data.get("intendedNanos").asLong();
                        latencies.recordValue(Math.max(0, System.nanoTime() - intended));
                    }
                    count.incrementAndGet();
                }
            }
            consumer.close();
        }

        void recordLatencies(boolean on) {
            recording.set(on);
        }

        Histogram latencies() {
            return latencies;
        }

        void awaitCount(long expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count.get() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + count.get() + " of " + expected + " events arrived");
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            poller.join(5000);
        }
    }
}
