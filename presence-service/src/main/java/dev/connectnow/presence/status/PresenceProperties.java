package dev.connectnow.presence.status;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param awayAfter                 no activity for this long turns ONLINE into AWAY
 * @param offlineGrace              a user whose last socket disconnected stays as shown for this long, so a
 *                                  reload or resume elsewhere is not broadcast; 0 = OFFLINE at once
 * @param instanceLease             a realtime instance silent for longer (or for 3 of its heartbeat intervals, if
 *                                  that is longer) is dead and its sockets are removed
 * @param timerInterval             how often the AWAY/offline timers and the lease check run
 * @param fanOutMaxMembers          workspaces with at most this many members are listed in
 *                                  {@code fanOutWorkspaceIds}: realtime pushes to co-members without a subscription
 * @param maxUsersPerLookup         bound of {@code GET /api/presence?userIds=} (100 ids keep the URL far below
 *                                  the 8 KB request-header limits of Tomcat and the gateway)
 * @param socketTombstoneRetention  closed socket rows are kept this long (disconnect-before-connect, replays)
 * @param instanceRetention         dead instances are remembered this long (late events of a dead instance)
 */
@ConfigurationProperties(prefix = "connectnow.presence")
public record PresenceProperties(
        Duration awayAfter,
        Duration offlineGrace,
        Duration instanceLease,
        Duration timerInterval,
        int fanOutMaxMembers,
        int maxUsersPerLookup,
        Duration socketTombstoneRetention,
        Duration instanceRetention) {

    public PresenceProperties {
        awayAfter = awayAfter == null ? Duration.ofMinutes(5) : awayAfter;
        offlineGrace = offlineGrace == null ? Duration.ofSeconds(5) : offlineGrace;
        instanceLease = instanceLease == null ? Duration.ofSeconds(30) : instanceLease;
        timerInterval = timerInterval == null ? Duration.ofSeconds(1) : timerInterval;
        fanOutMaxMembers = fanOutMaxMembers <= 0 ? 500 : fanOutMaxMembers;
        maxUsersPerLookup = maxUsersPerLookup <= 0 ? 100 : maxUsersPerLookup;
        socketTombstoneRetention = socketTombstoneRetention == null ? Duration.ofDays(1) : socketTombstoneRetention;
        instanceRetention = instanceRetention == null ? Duration.ofDays(7) : instanceRetention;
    }

    public StatusMachine.Timing timing() {
        return new StatusMachine.Timing(awayAfter, offlineGrace);
    }

    /** The lease of an instance that announced {@code intervalMs} (0 or less: not announced). */
    public Duration leaseFor(long intervalMs) {
        Duration threeIntervals = Duration.ofMillis(Math.max(0, intervalMs) * 3);
        return threeIntervals.compareTo(instanceLease) > 0 ? threeIntervals : instanceLease;
    }
}
