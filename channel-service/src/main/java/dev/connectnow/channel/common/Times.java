package dev.connectnow.channel.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at PostgreSQL's precision, so a value returned at once equals the one read back later. */
public final class Times {

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private Times() {}
}
