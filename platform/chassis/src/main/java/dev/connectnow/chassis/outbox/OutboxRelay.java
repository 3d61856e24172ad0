package dev.connectnow.chassis.outbox;

import dev.connectnow.chassis.config.ChassisProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * Moves committed outbox rows to Kafka, oldest first. One relay per database leads; the others stand by.
 *
 * <ul>
 *   <li><b>Leadership.</b> A leader thread holds a dedicated connection, outside the pool, with a
 *   session-level PostgreSQL advisory lock on it: one leader per database however many replicas run, and the
 *   lock goes with the connection: a stopped or crashed leader hands over within about a second (standbys
 *   retry the lock every second), a partitioned one once the server's TCP keep-alive on that session drops
 *   it (~25 s); the leader checks its connection every poll interval and reconnects when it broke.</li>
 *   <li><b>Wake-up.</b> After every commit of {@link OutboxPublisher} in this JVM, {@link #nudge()}: on the
 *   leader's replica it wakes the worker directly; on a standby's, a notifier thread sends one
 *   {@code pg_notify} on a pooled connection of its own for all the commits since its last one, which the
 *   leader's {@code LISTEN} on its dedicated connection hears. The writers' transactions never notify (commits
 *   that do serialize on PostgreSQL's notification queue lock). The poll interval is only a safety net.</li>
 *   <li><b>No transaction across Kafka.</b> A pass reads a batch, sends it, waits for Kafka's
 *   acknowledgements ({@code acks=all}) and then deletes the acknowledged rows, each statement on its own
 *   (autocommit): no database transaction or pooled connection is held while Kafka answers. In a backlog the
 *   statements run while Kafka answers instead: during a full batch's round trip the pass deletes the previous
 *   batch's rows and reads the next batch (rows acknowledged or in flight are left out of that read), so
 *   draining costs Kafka's round trips only. Passes that were not full have their acknowledged rows deleted
 *   together, up to {@link #DELETE_DELAY_MILLIS} after the first of them was acknowledged: under a steady trickle
 *   of commits (a pass per commit) that is one delete for many events instead of a transaction per event.</li>
 *   <li><b>Out-of-order commits are never skipped.</b> Each pass reads every row still present rather than
 *   "rows after the last id sent", so a transaction that commits after a later one (ids are assigned at
 *   insert, not at commit) is still published.</li>
 *   <li><b>Order and outages.</b> A row is deleted only after Kafka acknowledged it; a failure keeps it and
 *   every row after it for the next attempt, with exponential back-off, so per-key order holds. While Kafka
 *   is unreachable each attempt sends a single row (a probe), so an outage costs one blocked send per attempt
 *   and no later row can overtake an earlier one when the broker returns.</li>
 *   <li><b>Restarts.</b> Between passes the relay keeps only the ids of acknowledged rows not yet deleted (at most a
 *   batch or {@link #DELETE_DELAY_MILLIS} of events, more only while deletes fail) and the batch read ahead, which
 *   is dropped when a send fails or leadership moves: a crash between Kafka's acknowledgement and the delete
 *   re-sends the rows (at least once; consumers de-duplicate by event id), and a relay that stops deletes what it
 *   sent before another takes over.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    /** The {@code LISTEN}/{@code NOTIFY} channel; notifications are per database, like the outbox table. */
    public static final String CHANNEL = "connectnow_outbox";

    /** The session-level advisory lock the leader holds ("connectL": any constant; locks are per database). */
    public static final long ADVISORY_LOCK_KEY = 0x636f6e6e6563744cL;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;
    private static final Duration STANDBY_RETRY = Duration.ofSeconds(1);
    private static final Duration PENDING_COUNT_INTERVAL = Duration.ofSeconds(1);
    /** Acknowledged rows whose delete failed, in batches, before the relay sends nothing more until it succeeds. */
    private static final int MAX_UNDELETED_BATCHES = 4;

    private static final RowMapper<PendingEvent> PENDING_EVENT = (rs, i) ->
            new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    /**
     * The least time between two of a standby's notifications. A leader's pass (read, Kafka round trip, delete)
     * takes longer, and a notification arriving during a pass only makes it pass once more; so more frequent
     * ones would wake it no sooner but cost a transaction each (one per commit, ~60 µs of the writers' CPU, in
     * {@code bench outbox}).
     */
    private static final long NOTIFY_SPACING_MILLIS = 2;

    /**
     * How long acknowledged rows of passes that were not full may wait to be deleted together. Each delete is a
     * transaction of its own (a commit, a WAL flush); deleting after every pass took a chat post from 2.8 to 3.2
     * transactions of its database. The rows stay out of every read meanwhile, so nothing is sent twice by this
     * relay; a crash in that window re-sends them (at least once, as before, for a few more rows).
     */
    public static final long DELETE_DELAY_MILLIS = 100;

    private final JdbcTemplate jdbc;
    private final DataSource leaderConnections;
    private final KafkaTemplate<String, String> kafka;
    private final ChassisProperties.Outbox settings;
    private final Semaphore wakeUps = new Semaphore(0);
    /** Commits in this JVM not yet announced to a leader on another replica. */
    private final Semaphore leaderWakeUps = new Semaphore(0);

    private final AtomicLong pending = new AtomicLong();
    /** Rows Kafka acknowledged that are still in the table (worker thread only): excluded from reads until deleted. */
    private final List<Long> acknowledgedRows = new ArrayList<>();
    /** When the oldest of {@link #acknowledgedRows} was acknowledged ({@code System.nanoTime}; worker thread only). */
    private long acknowledgedSince;
    /** The next batch, read while the previous one was in flight (worker thread only). */
    private List<PendingEvent> readAhead = List.of();

    private final Counter published;
    private final Counter failures;
    private volatile boolean running;
    private volatile boolean leader;
    private volatile boolean probing;
    private long pendingCountedAt = System.nanoTime() - PENDING_COUNT_INTERVAL.toNanos();
    private volatile Connection leaderConnection;
    private Thread worker;
    private Thread leadership;
    private Thread notifier;

    /**
     * @param jdbc              pooled, for reading and deleting rows (autocommit, never inside a transaction)
     * @param leaderConnections opens the leader's dedicated connection, see {@link #dedicatedConnections}
     * @param producers         the application's producer settings ({@code acks=all}, idempotence); the relay
     *                          uses them without linger: it waits for each batch's acknowledgements before
     *                          the next, so lingering would only add its milliseconds to every event
     */
    public OutboxRelay(
            JdbcTemplate jdbc,
            DataSource leaderConnections,
            ProducerFactory<String, String> producers,
            ChassisProperties.Outbox settings,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.leaderConnections = leaderConnections;
        this.kafka = new KafkaTemplate<>(producers, Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
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
        Gauge.builder("connectnow.outbox.leader", this, relay -> relay.isLeader() ? 1 : 0)
                .description("1 while this instance's relay leads for its database")
                .register(meters);
    }

    /**
     * Where the leader's dedicated connection comes from: unpooled (it is held as long as the relay leads, and
     * closing it must release the lock), named in {@code pg_stat_activity}, with client-side TCP keep-alive.
     */
    public static DataSource dedicatedConnections(
            String jdbcUrl, String username, String password, String applicationName) {
        DriverManagerDataSource connections = new DriverManagerDataSource(jdbcUrl, username, password);
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", applicationName + " outbox relay");
        properties.setProperty("tcpKeepAlive", "true");
        connections.setConnectionProperties(properties);
        return connections;
    }

    /**
     * Called after a commit in this JVM that published events: wakes this relay if it leads, otherwise has the
     * leader on another replica notified. Never blocks; a wake-up lost to a crash is found by the leader's poll.
     */
    public void nudge() {
        signal(leader ? wakeUps : leaderWakeUps);
    }

    private void wakeWorker() {
        signal(wakeUps);
    }

    private static void signal(Semaphore wakeUp) {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /** Whether this relay holds its database's advisory lock and sends events. */
    public boolean isLeader() {
        return leader;
    }

    /**
     * Sends at most one batch if this relay leads; returns what happened. The worker's alone: it keeps the rows
     * acknowledged but not yet deleted and the batch read ahead between passes.
     * <p>
     * While Kafka acknowledges a full batch the pass deletes the rows acknowledged by the previous pass and reads the
     * next batch, so a backlog drains at the pace of Kafka's round trips rather than of round trips plus two
     * statements; the rows of batches that are not full are deleted together once the oldest of them has waited
     * {@link #DELETE_DELAY_MILLIS} (by a later pass, or by the worker between passes), those of a failed pass at once.
     */
    private BatchResult relayOnce() {
        if (!leader) {
            // what was read ahead may have been sent by the relay leading now
            readAhead = List.of();
            deleteAcknowledgedQuietly();
            return new BatchResult(0, false, false);
        }
        if (acknowledgedRows.size() >= MAX_UNDELETED_BATCHES * settings.getBatchSize()) {
            // their deletes kept failing: nothing new goes out until the table has caught up
            deleteAcknowledged();
        }
        // after a failed pass, probe with a single event until Kafka acknowledges again
        int batchSize = probing ? 1 : settings.getBatchSize();
        List<PendingEvent> batch = readAhead.isEmpty() ? read(batchSize, acknowledgedRows) : readAhead;
        readAhead = List.of();
        if (batch.isEmpty()) {
            if (deleteDueInNanos() == 0) {
                deleteAcknowledged();
            }
            pending.set(0);
            probing = false;
            return new BatchResult(0, false, false);
        }
        List<CompletableFuture<?>> acks = send(batch);
        boolean full = batch.size() == batchSize;
        boolean databaseFailed = false;
        if (full && !probing) {
            try {
                deleteAcknowledged();
                readAhead = read(batchSize, union(acknowledgedRows, batch));
            } catch (RuntimeException e) {
                // the batch in flight is still awaited, so that its acknowledged rows are never sent again
                log.warn(
                        "Outbox relay: database statement failed while Kafka acknowledged a batch ({})",
                        e.getClass().getSimpleName());
                readAhead = List.of();
                databaseFailed = true;
            }
        }
        int acknowledged = await(acks);
        if (acknowledgedRows.isEmpty()) {
            acknowledgedSince = System.nanoTime();
        }
        for (PendingEvent event : batch.subList(0, acknowledged)) {
            acknowledgedRows.add(event.id());
        }
        published.increment(acknowledged);
        boolean failed = acknowledged < batch.size();
        if (failed) {
            // every row after the one Kafka refused goes again, in order: nothing read ahead of it is sent first
            readAhead = List.of();
            jdbc.update(
                    "update outbox_event set attempts = attempts + 1, last_error = ? where id = ?",
                    "not acknowledged by Kafka",
                    batch.get(acknowledged).id());
            // no next pass follows at once to carry the delete
            deleteAcknowledged();
        } else if (!full && deleteDueInNanos() == 0) {
            deleteAcknowledged();
        }
        if (!full) {
            pending.set(batch.size() - acknowledged);
        } else if (System.nanoTime() - pendingCountedAt > PENDING_COUNT_INTERVAL.toNanos()) {
            // a backlog: counting it on every pass would cost a scan per batch while it drains
            pending.set(jdbc.queryForObject("select count(*) from outbox_event", Long.class));
            pendingCountedAt = System.nanoTime();
        }
        BatchResult result = new BatchResult(acknowledged, failed || databaseFailed, (full || probing) && !failed);
        probing = failed;
        return result;
    }

    /** The oldest rows still in the table, but for those already acknowledged (or in flight) whose delete is due. */
    private List<PendingEvent> read(int batchSize, Collection<Long> excluded) {
        if (excluded.isEmpty()) {
            return jdbc.query(
                    "select id, topic, event_key, event_type, payload from outbox_event order by id limit ?",
                    PENDING_EVENT,
                    batchSize);
        }
        // NOT IN over a subquery is answered with a hash of the excluded ids, not a scan of the array per row
        return jdbc.query(
                "select id, topic, event_key, event_type, payload from outbox_event"
                        + " where id not in (select unnest(?::bigint[])) order by id limit ?",
                PENDING_EVENT,
                (Object) excluded.toArray(Long[]::new),
                batchSize);
    }

    private static Collection<Long> union(Collection<Long> acknowledged, List<PendingEvent> inFlight) {
        List<Long> ids = new ArrayList<>(acknowledged.size() + inFlight.size());
        ids.addAll(acknowledged);
        inFlight.forEach(event -> ids.add(event.id()));
        return ids;
    }

    /** 0 when the acknowledged rows should be deleted now, else how long they may still wait (none: forever). */
    private long deleteDueInNanos() {
        if (acknowledgedRows.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long due = acknowledgedSince + TimeUnit.MILLISECONDS.toNanos(DELETE_DELAY_MILLIS) - System.nanoTime();
        return Math.max(0, due);
    }

    /** Deletes the rows Kafka acknowledged; on failure they stay remembered (never sent again by this relay). */
    private void deleteAcknowledged() {
        if (acknowledgedRows.isEmpty()) {
            return;
        }
        jdbc.update("delete from outbox_event where id = any(?)", (Object) acknowledgedRows.toArray(Long[]::new));
        acknowledgedRows.clear();
    }

    /** Hands the batch to the producer in order; stops at the first record it refuses to queue. */
    private List<CompletableFuture<?>> send(List<PendingEvent> batch) {
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
        return acks;
    }

    /** How many records, from the first, Kafka acknowledged within the send timeout. */
    private int await(List<CompletableFuture<?>> acks) {
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

    /** The worker: a pass on every wake-up (commit here, notification, poll), passes back to back while busy. */
    private void relayLoop() {
        try {
            Duration backoff = Duration.ZERO;
            boolean again = false;
            while (running) {
                if (!again && !awaitWakeUp()) {
                    return;
                }
                try {
                    BatchResult result = relayOnce();
                    if (result.failed()) {
                        failures.increment();
                        backoff = nextBackoff(backoff);
                        sleep(backoff);
                        again = true;
                    } else {
                        backoff = Duration.ZERO;
                        again = result.moreWaiting();
                    }
                } catch (RuntimeException e) {
                    failures.increment();
                    backoff = nextBackoff(backoff);
                    log.warn(
                            "Outbox relay pass failed ({}); retrying in {} ms",
                            e.getClass().getSimpleName(),
                            backoff.toMillis());
                    sleep(backoff);
                    again = true;
                }
            }
        } finally {
            deleteAcknowledgedQuietly();
        }
    }

    /**
     * Before the worker stops (and before the lock is handed over, which waits for it) or while standing by: the rows
     * it sent would otherwise go out again from the next leader. Best effort, the consumers drop duplicates anyway.
     */
    private void deleteAcknowledgedQuietly() {
        boolean interrupted = Thread.interrupted();
        try {
            deleteAcknowledged();
        } catch (RuntimeException e) {
            log.debug("Outbox relay: acknowledged rows not deleted; the next leader sends them again", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for a wake-up, at most a poll interval; false when stopping. Acknowledged rows whose delete falls due
     * meanwhile are deleted without a pass; if that fails, a pass follows (and backs off if the database is away).
     */
    private boolean awaitWakeUp() {
        try {
            while (true) {
                long pollNanos = settings.getPollInterval().toNanos();
                long deleteDue = deleteDueInNanos();
                boolean woken = wakeUps.tryAcquire(Math.min(pollNanos, deleteDue), TimeUnit.NANOSECONDS);
                if (woken || deleteDue >= pollNanos || !running) {
                    wakeUps.drainPermits();
                    return running;
                }
                try {
                    deleteAcknowledged();
                } catch (RuntimeException e) {
                    log.debug("Outbox relay: deleting acknowledged rows failed; the next pass retries", e);
                    return running;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The leader thread: opens the dedicated connection, takes the lock (or retries every second while another
     * relay has it), then listens and wakes the worker on every notification; reconnects after any
     * failure of that connection, giving up leadership first.
     */
    private void leadershipLoop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try (Connection connection = leaderConnections.getConnection()) {
                leaderConnection = connection;
                try {
                    lead(connection);
                } finally {
                    if (!running) {
                        // stopping: a standby may take over only once no pass of ours is in flight
                        awaitWorker();
                    }
                    release(connection);
                }
                if (!running) {
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    // a leader that lost its connection starts over with the shortest pause
                    backoff = nextBackoff(leader ? Duration.ZERO : backoff);
                    log.warn(
                            "Outbox relay: leader connection failed ({}); reconnecting in {} ms",
                            e.getClass().getSimpleName(),
                            backoff.toMillis());
                }
            } finally {
                if (leader) {
                    log.info("Outbox relay: no longer leading");
                }
                leader = false;
                leaderConnection = null;
            }
            sleep(backoff);
        }
    }

    /** Takes the lock (waiting as a standby while another relay has it), then listens until stopped or broken. */
    private void lead(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        while (running && !tryLock(connection)) {
            sleep(standbyRetry());
        }
        if (!running) {
            return;
        }
        listen(connection);
        leader = true;
        log.info("Outbox relay: leading for this database");
        wakeWorker(); // rows committed before LISTEN took effect
        PGConnection notifications = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] received = notifications.getNotifications(
                    (int) settings.getPollInterval().toMillis());
            if (received != null && received.length > 0) {
                wakeWorker();
            } else if (!connection.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                throw new SQLException("the leader connection is no longer valid");
            }
        }
    }

    /**
     * The notifier: while another replica leads, one {@code NOTIFY} for every commit signalled before it, at most
     * one per {@link #NOTIFY_SPACING_MILLIS} — under load a notification covers many commits, and it is sent after
     * they committed, so the leader's pass sees their rows. Its own autocommit statement on a pooled connection, outside every writer's transaction.
     */
    private void notifyLoop() {
        String wakeLeader = "select pg_notify('" + CHANNEL + "', '')";
        while (running) {
            try {
                leaderWakeUps.acquire();
            } catch (InterruptedException e) {
                return;
            }
            leaderWakeUps.drainPermits();
            try {
                jdbc.execute(wakeLeader);
            } catch (RuntimeException e) {
                log.debug("Outbox relay: could not notify the leader; it finds the events at its next poll", e);
            }
            try {
                Thread.sleep(NOTIFY_SPACING_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Gives up the lock and the subscription before the connection is closed. A dedicated connection would
     * drop both when it closes; a pooled one (a service without {@code JdbcConnectionDetails}) would go back
     * to its pool still holding them. Best effort: after an abort or a network failure the session is gone.
     */
    private static void release(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("unlisten *");
            statement.execute("select pg_advisory_unlock_all()");
        } catch (SQLException | RuntimeException e) {
            log.debug("Outbox relay: the leader session could not be released; it is gone", e);
        }
    }

    private void awaitWorker() {
        Thread pass = worker;
        if (pass != null) {
            try {
                pass.join(settings.getSendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How soon a standby takes over once the leader's session ended: a second, or the poll interval if shorter. */
    private Duration standbyRetry() {
        Duration poll = settings.getPollInterval();
        return poll.compareTo(STANDBY_RETRY) < 0 ? poll : STANDBY_RETRY;
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("select pg_try_advisory_lock(" + ADVISORY_LOCK_KEY + ")")) {
            return result.next() && result.getBoolean(1);
        }
    }

    private static void listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // the server drops a vanished leader's session (and its lock) within ~25 s instead of hours
            statement.execute("set tcp_keepalives_idle = 10");
            statement.execute("set tcp_keepalives_interval = 5");
            statement.execute("set tcp_keepalives_count = 3");
            statement.execute("listen " + CHANNEL);
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return next.compareTo(settings.getMaxBackoff()) > 0 ? settings.getMaxBackoff() : next;
    }

    private void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
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
        leadership = new Thread(this::leadershipLoop, "outbox-leader");
        leadership.setDaemon(true);
        leadership.start();
        worker = new Thread(this::relayLoop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
        notifier = new Thread(this::notifyLoop, "outbox-notifier");
        notifier.setDaemon(true);
        notifier.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        leader = false; // no new pass starts
        join(worker, settings.getSendTimeout().toMillis() + 1000);
        join(notifier, 1000);
        // only now, with no pass in flight, hand the lock to a standby: closing the socket releases it at once
        Connection connection = leaderConnection;
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException e) {
                log.debug("Outbox relay: aborting the leader connection failed", e);
            }
        }
        join(leadership, 5000);
        worker = null;
        leadership = null;
        notifier = null;
        kafka.destroy(); // closes the relay's producer; a later start() opens a new one
    }

    private static void join(Thread thread, long millis) {
        if (thread == null) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
     * @param moreWaiting the batch was full (or a probe succeeded), go again without waiting
     */
    private record BatchResult(int sent, boolean failed, boolean moreWaiting) {}
}
