package dev.connectnow.chassis.discovery;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the service answering for a while after it left the registry, before the web server's graceful shutdown
 * stops taking requests.
 *
 * <p>Spring Cloud marks the instance DOWN in Eureka as soon as the context starts closing, but callers route from
 * their own copy of the registry (the gateway: a fetch every 5 s, then its LoadBalancer's 5 s cache), so for up
 * to about ten seconds requests still arrive. A web server that had already stopped accepting them would fail
 * each one — and the gateway never retries a POST — so every rolling update would lose posts. This lifecycle is
 * the first to stop (the highest phase) and holds the shutdown for the grace, while everything still runs.
 */
public final class DepartureGrace implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DepartureGrace.class);

    private final Duration grace;
    private volatile boolean running;

    public DepartureGrace(Duration grace) {
        this.grace = grace;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (grace.isZero() || grace.isNegative()) {
            return;
        }
        log.info("Left the registry; serving for {} ms more while callers' registry copies catch up", grace.toMillis());
        try {
            Thread.sleep(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before every other lifecycle, the web server's graceful shutdown included. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
