package dev.connectnow.chassis.outbox;

import dev.connectnow.chassis.config.ChassisProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka, oldest first, on one dedicated thread.
 *
 * <ul>
 *   <li>It reads every row still present rather than "rows after the last id sent", so a transaction that
 *   commits after a later one (ids are assigned at insert, not at commit) is still published.</li>
 *   <li>A row is deleted only after Kafka acknowledged it ({@code acks=all}); a failure keeps it and every
 *   row after it for the next attempt, with exponential back-off, so per-key order holds. While Kafka is
 *   unreachable each attempt sends a single row (a probe), so an outage costs one blocked send per attempt
 *   rather than one per row, and no later row can overtake an earlier one when the broker returns. A crash between
 *   the acknowledgement and the delete re-sends the row: delivery is at least once and consumers
 *   de-duplicate by event id.</li>
 *   <li>A PostgreSQL advisory lock held for the batch makes one relay active per database even when the
 *   service runs several replicas.</li>
 *   <li>Nothing is kept in memory between batches, so a restart simply continues with what the table holds.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long ADVISORY_LOCK_KEY = 0x636f6e6e6563744cL; // "connectL": any constant, per database

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final KafkaTemplate<String, String> kafka;
    private final ChassisProperties.Outbox settings;
    private final Semaphore nudges = new Semaphore(0);
    private final AtomicLong pending = new AtomicLong();
    private final Counter published;
    private final Counter failures;
    private volatile boolean running;
    private volatile boolean probing;
    private Thread worker;

    public OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            KafkaTemplate<String, String> kafka,
            ChassisProperties.Outbox settings,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
        this.published = Counter.builder("connectnow.outbox.published")
                .description("events sent to Kafka")
                .register(meters);
        this.failures = Counter.builder("connectnow.outbox.failures")
                .description("failed relay attempts")
                .register(meters);
        Gauge.builder("connectnow.outbox.pending", pending, AtomicLong::get)
                .description("events waiting in the outbox (as of the last relay pass)")
                .register(meters);
    }

    /** Wakes the relay after a commit so events leave within milliseconds instead of a poll interval. */
    public void nudge() {
        if (nudges.availablePermits() == 0) {
            nudges.release();
        }
    }

    /** Sends at most one batch; returns how many rows were sent. Public for tests and diagnostics. */
    public BatchResult relayOnce() {
        BatchResult result = transactions.execute(status -> {
            // after a failed pass, probe with a single event until Kafka acknowledges again
            int batchSize = probing ? 1 : settings.getBatchSize();
            Boolean leader =
                    jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, ADVISORY_LOCK_KEY);
            if (!Boolean.TRUE.equals(leader)) {
                return new BatchResult(0, false, false);
            }
            List<PendingEvent> batch = jdbc.query(
                    "select id, topic, event_key, event_type, payload from outbox_event order by id limit ?",
                    (rs, i) -> new PendingEvent(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                    batchSize);
            if (batch.isEmpty()) {
                pending.set(0);
                return new BatchResult(0, false, false);
            }
            int acknowledged = send(batch);
            if (acknowledged > 0) {
                Long[] ids = batch.subList(0, acknowledged).stream()
                        .map(PendingEvent::id)
                        .toArray(Long[]::new);
                jdbc.update("delete from outbox_event where id = any(?)", (Object) ids);
            }
            boolean failed = acknowledged < batch.size();
            if (failed) {
                jdbc.update(
                        "update outbox_event set attempts = attempts + 1, last_error = ? where id = ?",
                        "not acknowledged by Kafka",
                        batch.get(acknowledged).id());
            }
            boolean full = batch.size() == batchSize;
            pending.set(
                    full
                            ? jdbc.queryForObject("select count(*) from outbox_event", Long.class)
                            : batch.size() - acknowledged);
            return new BatchResult(acknowledged, failed, (full || probing) && !failed);
        });
        published.increment(result.sent());
        probing = result.failed();
        return result;
    }

    private int send(List<PendingEvent> batch) {
        List<CompletableFuture<?>> acks = new ArrayList<>(batch.size());
        for (PendingEvent event : batch) {
            ProducerRecord<String, String> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
            record.headers()
                    .add(new RecordHeader(
                            "content-type",
                            "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8)));
            record.headers().add(new RecordHeader("ce_type", event.type().getBytes(StandardCharsets.UTF_8)));
            CompletableFuture<?> ack;
            try {
                ack = kafka.send(record);
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            acks.add(ack);
            if (ack.isCompletedExceptionally()) {
                // the producer gave up before queueing (no metadata within max.block.ms): the broker is
                // unreachable, and every further send would block as long again and could overtake this row
                break;
            }
        }
        long deadline = System.nanoTime() + settings.getSendTimeout().toNanos();
        int acknowledged = 0;
        for (CompletableFuture<?> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                log.warn(
                        "Outbox relay: Kafka did not acknowledge an event ({}); will retry",
                        e.getCause() == null
                                ? e.getClass().getSimpleName()
                                : e.getCause().getClass().getSimpleName());
                break;
            }
        }
        return acknowledged;
    }

    private void loop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                BatchResult result = relayOnce();
                if (result.failed()) {
                    failures.increment();
                    backoff = nextBackoff(backoff);
                    sleep(backoff);
                    continue;
                }
                backoff = Duration.ZERO;
                if (result.moreWaiting()) {
                    continue;
                }
            } catch (RuntimeException e) {
                failures.increment();
                backoff = nextBackoff(backoff);
                log.warn(
                        "Outbox relay pass failed ({}); retrying in {} ms",
                        e.getClass().getSimpleName(),
                        backoff.toMillis());
                sleep(backoff);
                continue;
            }
            try {
                nudges.tryAcquire(settings.getPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                nudges.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return next.compareTo(settings.getMaxBackoff()) > 0 ? settings.getMaxBackoff() : next;
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(settings.getSendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stop before the Kafka producer and the DataSource are closed, start after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    record PendingEvent(long id, String topic, String key, String type, String payload) {}

    /**
     * @param sent        rows acknowledged and removed
     * @param failed      Kafka refused or timed out; the relay backs off
     * @param moreWaiting the batch was full, go again without waiting
     */
    public record BatchResult(int sent, boolean failed, boolean moreWaiting) {}
}
