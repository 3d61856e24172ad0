package dev.connectnow.bench;

import java.util.concurrent.atomic.AtomicLong;

/** One socket's EVENT frames: counts the gaps and repeats of {@code s}, which must rise by exactly one. */
final class EventSequence {

    static final String EVENT_PREFIX = "{\"op\":\"EVENT\",\"s\":";

    final AtomicLong gaps = new AtomicLong();
    final AtomicLong repeated = new AtomicLong();
    private volatile long last;

    /** Checks the frame's {@code s} if it is an EVENT frame; called by one thread at a time. */
    void check(String frame) {
        if (!frame.startsWith(EVENT_PREFIX)) {
            return;
        }
        long seq = Long.parseLong(frame.substring(EVENT_PREFIX.length(), frame.indexOf(',', EVENT_PREFIX.length())));
        if (seq <= last) {
            repeated.incrementAndGet();
        } else if (seq != last + 1) {
            gaps.incrementAndGet();
        }
        last = Math.max(last, seq);
    }

    /** The highest {@code s} received so far (0 before any event). */
    long last() {
        return last;
    }
}
