package dev.connectnow.testkit;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ThrowingRunnable;

/**
 * Waiting for something another thread or process does (an event consumed, a row written, a route known)
 * without fixed sleeps: polls from the first moment and returns as soon as the condition holds, failing with
 * the description after a generous deadline (the machine may be loaded). Built on Awaitility.
 *
 * <pre>{@code
 * Await.until("member projected", () -> jdbc.queryForObject(sql, Integer.class, id) == 1);
 * Response page = Await.until("bob sees the channel", () -> api.get(path), r -> r.status() == 200);
 * Await.untilAsserted("unread count", () -> assertThat(unread()).isEqualTo(3));
 * }</pre>
 */
public final class Await {

    /** Upper bound, not a duration: a condition that holds returns at once. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /** An Awaitility condition factory with the kit's defaults, for what the helpers below do not cover. */
    public static ConditionFactory await(String what) {
        return Awaitility.await(what)
                .atMost(DEFAULT_TIMEOUT)
                .pollDelay(Duration.ZERO)
                .pollInterval(POLL_INTERVAL)
                .ignoreExceptions();
    }

    public static void until(String what, Callable<Boolean> condition) {
        await(what).until(condition);
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        await(what).atMost(timeout).until(condition);
    }

    /** Polls {@code supplier} until its value satisfies {@code condition} and returns that value. */
    public static <T> T until(String what, Callable<T> supplier, Predicate<? super T> condition) {
        return await(what).until(supplier, condition::test);
    }

    /** Retries the assertions until they pass; the last failure is reported at the deadline. */
    public static void untilAsserted(String what, ThrowingRunnable assertions) {
        await(what).untilAsserted(assertions);
    }

    private Await() {}
}
