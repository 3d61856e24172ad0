package dev.connectnow.channel.support;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (never a fixed sleep as an assertion). */
public final class Await {

    public static final Duration DEFAULT = Duration.ofSeconds(30);

    public static void until(String what, Supplier<Boolean> condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                fail("Timed out after %s waiting for: %s", timeout, what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for: %s", what);
            }
        }
    }

    private Await() {}
}
