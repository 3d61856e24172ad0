package dev.connectnow.workspace.web;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "Now" at PostgreSQL's precision (microseconds), so a value returned from the request that wrote it equals
 * the value read back later (idempotent joins return the same membership, byte for byte).
 */
public final class Timestamps {

    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Timestamps() {}
}
