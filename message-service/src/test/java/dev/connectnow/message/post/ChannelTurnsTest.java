package dev.connectnow.message.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.RequestDeadline;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ChannelTurnsTest {

    private static final UUID CHANNEL = new UUID(0, 1);
    private static final UUID ANOTHER_CHANNEL = new UUID(0, 2);

    private static final RequestDeadline NONE = RequestDeadline.none();

    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters = new SimpleMeterRegistry();

    private final ChannelTurns turns = new ChannelTurns(Duration.ofSeconds(10), clock, meters);

    @Test
    void postsOfOneChannelRunOneAtATimeInArrivalOrder() throws Exception {
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> turns.inTurn(CHANNEL, NONE, () -> {
            firstInside.countDown();
            await(releaseFirst);
            order.add("first");
            return null;
        }));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> turns.inTurn(CHANNEL, NONE, () -> {
            order.add("second");
            return null;
        }));
        Thread.sleep(100); // the second is queued, and must stay so
        assertThat(order).isEmpty();

        releaseFirst.countDown();
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
        assertThat(order).containsExactly("first", "second");
    }

    @Test
    void aQueuedPostsWaitAndItsPredecessorsHoldAreMeasured() throws Exception {
        try (HeldTurn holder = hold(turns, CHANNEL)) {
            CompletableFuture<String> queued =
                    CompletableFuture.supplyAsync(() -> turns.inTurn(CHANNEL, NONE, () -> "posted"));
            Thread.sleep(200);
            assertThat(queued).isNotDone();
            holder.close();
            assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo("posted");
        }
        Timer waited = meters.get("connectnow.message.post.turn.wait").timer();
        Timer held = meters.get("connectnow.message.post.turn.held").timer();
        assertThat(waited.count()).isEqualTo(2);
        assertThat(held.count()).isEqualTo(2);
        // the holder held its turn through the 200 ms; the queued post waited for most of them (its thread
        // started after the holder's, so the bound leaves it room on a loaded machine)
        assertThat(held.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(200);
        assertThat(waited.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void anotherChannelDoesNotWait() throws Exception {
        try (HeldTurn ignored = hold(turns, CHANNEL)) {
            assertThat(CompletableFuture.supplyAsync(() -> turns.inTurn(ANOTHER_CHANNEL, NONE, () -> "posted"))
                            .get(5, TimeUnit.SECONDS))
                    .isEqualTo("posted");
        }
    }

    @Test
    void aPostThatWaitedItsPatienceOutIsUnavailableAndNeverRuns() throws Exception {
        ChannelTurns impatient = new ChannelTurns(Duration.ofMillis(200), clock, meters);
        List<String> ran = new CopyOnWriteArrayList<>();
        try (HeldTurn ignored = hold(impatient, CHANNEL)) {
            assertThatThrownBy(() -> impatient.inTurn(CHANNEL, NONE, () -> ran.add("late")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                    });
        }
        assertThat(ran).isEmpty();
        assertThat(impatient.inTurn(CHANNEL, NONE, () -> "free again")).isEqualTo("free again");
    }

    @Test
    void aPostStopsWaitingAtItsCallersDeadlineLongBeforeItsPatienceAndNeverRuns() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        RequestDeadline soon = RequestDeadline.of(clock.instant().plusMillis(300));
        try (HeldTurn ignored = hold(turns, CHANNEL)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> turns.inTurn(CHANNEL, soon, () -> ran.add("late")))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                        assertThat(e.getMessage()).contains("deadline");
                    });
            // the patience is 10 s; the deadline ends the wait
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(ran).isEmpty();
    }

    @Test
    void aPostWhoseCallerHasGivenUpNeverRunsEvenWhenItsChannelIsFree() {
        List<String> ran = new CopyOnWriteArrayList<>();
        RequestDeadline passed = RequestDeadline.of(clock.instant().minusMillis(1));
        assertThatThrownBy(() -> turns.inTurn(CHANNEL, passed, () -> ran.add("late")))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(ran).isEmpty();
        assertThat(turns.inTurn(CHANNEL, RequestDeadline.of(clock.instant().plusSeconds(5)), () -> "in time"))
                .isEqualTo("in time");
    }

    /** A post of another thread inside the channel's turn until closed. */
    private static HeldTurn hold(ChannelTurns turns, UUID channel) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> turns.inTurn(channel, NONE, () -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return () -> {
            release.countDown();
            holder.get(10, TimeUnit.SECONDS);
        };
    }

    private interface HeldTurn extends AutoCloseable {
        @Override
        void close() throws Exception;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
