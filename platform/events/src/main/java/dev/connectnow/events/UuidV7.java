package dev.connectnow.events;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (RFC 9562 version 7). Rows keyed by them are inserted in roughly ascending order,
 * which keeps B-tree indexes compact and lets keyset pagination by id follow creation time.
 */
public final class UuidV7 {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static UUID next() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private UuidV7() {
    }
}
