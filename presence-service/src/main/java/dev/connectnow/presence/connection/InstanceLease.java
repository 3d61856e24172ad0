package dev.connectnow.presence.connection;

import java.time.Instant;

/**
 * One row of {@code realtime_instances}. {@code lastSentAt} and {@code startedAt} are the instance's own clock
 * (from its newest heartbeat; null while the lease is provisional, i.e. granted on a connect before any
 * heartbeat); {@code leaseExpiresAt} is the service's clock.
 */
public record InstanceLease(
        String instanceId,
        State state,
        Instant startedAt,
        Instant lastSentAt,
        long intervalMs,
        Instant leaseExpiresAt) {

    public enum State {
        LIVE,
        EXPIRED,
        STOPPED
    }

    public boolean isLive() {
        return state == State.LIVE;
    }
}
