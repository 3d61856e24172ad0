package dev.connectnow.realtime.inbound;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets at most one occurrence per key through per window: typing per (user, channel), activity per socket.
 * Keys older than the window are pruned by {@link #prune(long)}, so the map holds only the keys of the last
 * window. Thread-safe.
 */
public final class Coalescer<K> {

    private final long windowNanos;
    private final ConcurrentHashMap<K, Long> lastPassed = new ConcurrentHashMap<>();

    public Coalescer(long windowNanos) {
        this.windowNanos = windowNanos;
    }

    /** True (and remembers the time) if nothing for this key passed within the window before {@code nowNanos}. */
    public boolean tryPass(K key, long nowNanos) {
        boolean[] passed = {false};
        lastPassed.compute(key, (k, last) -> {
            if (last == null || nowNanos - last >= windowNanos) {
                passed[0] = true;
                return nowNanos;
            }
            return last;
        });
        return passed[0];
    }

    public void prune(long nowNanos) {
        lastPassed.values().removeIf(last -> nowNanos - last >= windowNanos);
    }

    public int size() {
        return lastPassed.size();
    }
}
