package dev.connectnow.realtime.socket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The tier's meters (Prometheus names in docs/realtime.md): sockets and sessions (gauges), frames in and out,
 * shed frames, closes by code (slow closes are code 4010), resumes by outcome, replayed events, and the age of
 * each event when it is written to a socket (histogram: producer commit → socket write).
 */
public final class RealtimeMetrics {

    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter framesShed;
    private final Counter resumesReplayed;
    private final Counter resumesInvalid;
    private final Counter eventsReplayed;
    private final Counter eventsDropped;
    private final Timer eventAge;
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();

    public RealtimeMetrics(MeterRegistry registry) {
        this.registry = registry;
        framesIn = Counter.builder("connectnow.realtime.frames.in")
                .description("Frames received from clients")
                .register(registry);
        framesOut = Counter.builder("connectnow.realtime.frames.out")
                .description("Frames written to sockets")
                .register(registry);
        framesShed = Counter.builder("connectnow.realtime.frames.shed")
                .description("Typing and presence frames dropped because a socket's queue was past half full")
                .register(registry);
        resumesReplayed = Counter.builder("connectnow.realtime.resumes")
                .tag("outcome", "replayed")
                .register(registry);
        resumesInvalid = Counter.builder("connectnow.realtime.resumes")
                .tag("outcome", "invalid")
                .register(registry);
        eventsReplayed = Counter.builder("connectnow.realtime.events.replayed")
                .description("Events sent again on RESUME")
                .register(registry);
        eventsDropped = Counter.builder("connectnow.realtime.events.unroutable")
                .description("Records that could not be read (malformed) and were skipped")
                .register(registry);
        eventAge = Timer.builder("connectnow.realtime.event.age")
                .description("Time from the event's commit (producer clock) to its write on a socket")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /**
     * Gauges read live values when scraped. Built from suppliers, which the registry holds strongly: a gauge
     * registered with a state object holds it weakly, and these method references were collected after the
     * first GC, leaving NaN (found by the realtime bench).
     */
    public void gauges(Supplier<Number> sockets, Supplier<Number> sessions, Supplier<Number> detached) {
        Gauge.builder("connectnow.realtime.sockets", sockets).register(registry);
        Gauge.builder("connectnow.realtime.sessions", sessions).register(registry);
        Gauge.builder("connectnow.realtime.sessions.detached", detached).register(registry);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void frameOut(Instant eventTime, Instant now) {
        framesOut.increment();
        if (eventTime != null) {
            eventAge.record(
                    Duration.between(eventTime, now).isNegative() ? Duration.ZERO : Duration.between(eventTime, now));
        }
    }

    public void shed() {
        framesShed.increment();
    }

    public void closed(int code) {
        closes.computeIfAbsent(
                        code,
                        c -> Counter.builder("connectnow.realtime.closes")
                                .description("Sockets closed, by close code (4010: too slow)")
                                .tag("code", Integer.toString(c))
                                .register(registry))
                .increment();
    }

    public void resumed(int replayed) {
        resumesReplayed.increment();
        eventsReplayed.increment(replayed);
    }

    public void resumeInvalid() {
        resumesInvalid.increment();
    }

    public void unroutable() {
        eventsDropped.increment();
    }
}
