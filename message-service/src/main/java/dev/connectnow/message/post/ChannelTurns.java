package dev.connectnow.message.post;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.RequestDeadline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Posts to one channel take turns in this instance, in arrival order, before they take a database connection.
 * The channel's counter row ({@code ChannelDirectory.nextSeq}) serializes them until commit anyway; waiting for
 * it inside the database, every queued post held a pooled connection, so one channel with a slow writer took the
 * whole pool and every other channel's posts failed with it (503 after the pool's time-out). Waiting here holds
 * none; the row lock still orders posts of one channel that reach different instances.
 *
 * <p>A post waits at most the configured patience and never past its caller's deadline: a post the gateway has
 * already answered 503 for is not written (the client would repeat it).
 *
 * <p>Striped: a channel's turns are kept by one of a fixed number of locks, so the memory is bounded whatever the
 * number of channels; two channels sharing a stripe also share its turns (rare with {@value #STRIPES} stripes).
 *
 * <p>Measured ({@code connectnow.message.post.turn.wait} and {@code .held}): a channel takes posts only as fast as
 * one turn follows another, whatever the cores left idle, so a busy channel's queue shows here first.
 */
final class ChannelTurns {

    static final int STRIPES = 1024;

    /** A post that waited this long gives up: 503 with Retry-After, nothing stored. */
    private final Duration patience;

    private final Clock clock;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Timer waited;
    private final Timer held;

    ChannelTurns(Duration patience, Clock clock, MeterRegistry meters) {
        this.patience = patience;
        this.clock = clock;
        this.waited = Timer.builder("connectnow.message.post.turn.wait")
                .description("Time a post waited for its channel's earlier posts in this instance")
                .register(meters);
        this.held = Timer.builder("connectnow.message.post.turn.held")
                .description("Time a post held its channel's turn: its write transaction, commit included")
                .register(meters);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code work} once the channel's earlier posts in this instance are done. */
    <T> T inTurn(UUID channelId, RequestDeadline deadline, Supplier<T> work) {
        deadline.requireTimeLeft(clock);
        ReentrantLock turn = stripes[Math.floorMod(channelId.hashCode(), STRIPES)];
        Duration wait = deadline.limit(patience, clock);
        long queued = System.nanoTime();
        boolean inTurn = await(turn, wait);
        long started = System.nanoTime();
        waited.record(started - queued, TimeUnit.NANOSECONDS);
        if (!inTurn) {
            if (wait.compareTo(patience) < 0) {
                throw RequestDeadline.expired();
            }
            throw ApiException.serviceUnavailable(
                    "The channel is receiving too many messages at once; try again", Duration.ofSeconds(1));
        }
        try {
            return work.get();
        } finally {
            turn.unlock();
            held.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private static boolean await(ReentrantLock turn, Duration patience) {
        try {
            return turn.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
