package dev.connectnow.events;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7). Rows keyed by them are inserted in roughly ascending order,
 * which keeps B-tree indexes compact and lets keyset pagination by id follow creation time.
 *
 * <p>Within one JVM the ids are strictly increasing, even within one millisecond: the 12 {@code rand_a}
 * bits are a counter seeded randomly each millisecond (RFC 9562 §6.2, method 1), and a counter overflow
 * borrows the next millisecond. Consumers that order events by such ids (membership versions) rely on it.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COUNTER_BITS = 12;
    private static final int COUNTER_MAX = (1 << COUNTER_BITS) - 1;

    private static long lastMillis = -1;
    private static int counter;

    public static UUID next() {
        long millis;
        int sequence;
        synchronized (UuidV7.class) {
            long now = System.currentTimeMillis();
            if (now > lastMillis) {
                lastMillis = now;
                // seed in the lower half so a burst within the millisecond has room to count up
                counter = RANDOM.nextInt(1 << (COUNTER_BITS - 1));
            } else if (counter < COUNTER_MAX) {
                counter++;
            } else {
                lastMillis++;
                counter = 0;
            }
            millis = lastMillis;
            sequence = counter;
        }
        long msb = (millis << 16) | (0x7L << 12) | sequence;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private UuidV7() {}
}
