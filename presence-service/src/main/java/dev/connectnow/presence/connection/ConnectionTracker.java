package dev.connectnow.presence.connection;

import dev.connectnow.events.connection.ConnectionEvents.InstanceHeartbeat;
import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import dev.connectnow.events.connection.ConnectionEvents.SocketActivity;
import dev.connectnow.events.connection.ConnectionEvents.SocketConnected;
import dev.connectnow.events.connection.ConnectionEvents.SocketDisconnected;
import dev.connectnow.presence.connection.InstanceLease.State;
import dev.connectnow.presence.connection.SocketRules.Reconciliation;
import dev.connectnow.presence.status.PresenceProperties;
import dev.connectnow.presence.status.PresenceUpdater;
import dev.connectnow.presence.status.UserPresence;
import dev.connectnow.presence.status.UserPresence.SocketLoss;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies connection events and instance lease decisions to the sockets of each user, by {@link SocketRules},
 * each in one transaction that also settles the users' presence (and publishes what changed). Every change
 * first locks the affected users' presence rows (in user id order), then the instance row.
 */
@Service
public class ConnectionTracker {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTracker.class);

    private final SocketRegistry registry;
    private final PresenceUpdater presence;
    private final PresenceProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    public ConnectionTracker(
            SocketRegistry registry,
            PresenceUpdater presence,
            PresenceProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.registry = registry;
        this.presence = presence;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    public void connected(SocketConnected event) {
        UserPresence user = presence.lock(List.of(event.userId())).get(event.userId());
        Instant now = clock.instant();
        SocketRecord existing = registry.socket(event.socketId()).orElse(null);
        InstanceLease instance = registry.instance(event.instanceId()).orElse(null);
        switch (SocketRules.connect(existing, instance, event.connectedAt(), now, properties.instanceLease())) {
            case IGNORE -> {}
            case REFUSE ->
                registry.addClosed(
                        event.socketId(),
                        event.userId(),
                        event.instanceId(),
                        event.connectedAt(),
                        event.connectedAt(),
                        ClosedReason.ABSENT,
                        now);
            case ADD_WITH_PROVISIONAL_LEASE -> {
                registry.grantProvisionalLease(event.instanceId(), now.plus(properties.instanceLease()), now);
                add(user, event, now);
            }
            case ADD -> add(user, event, now);
        }
    }

    private void add(UserPresence user, SocketConnected event, Instant now) {
        registry.addLive(event.socketId(), event.userId(), event.instanceId(), event.connectedAt(), now);
        user.recordActivity(event.connectedAt(), now);
        user.socketsNow(registry.liveSocketsOf(user.userId()), null, null, now);
        presence.settle(user);
    }

    @Transactional
    public void disconnected(SocketDisconnected event) {
        UserPresence user = presence.lock(List.of(event.userId())).get(event.userId());
        Instant now = clock.instant();
        SocketRecord existing = registry.socket(event.socketId()).orElse(null);
        switch (SocketRules.disconnect(existing)) {
            case IGNORE -> {}
            case TOMBSTONE ->
                registry.addClosed(
                        event.socketId(),
                        event.userId(),
                        event.instanceId(),
                        event.connectedAt(),
                        event.disconnectedAt(),
                        ClosedReason.DISCONNECTED,
                        now);
            case MAKE_FINAL -> registry.close(event.socketId(), event.disconnectedAt(), ClosedReason.DISCONNECTED, now);
            case CLOSE_LIVE -> {
                registry.close(event.socketId(), event.disconnectedAt(), ClosedReason.DISCONNECTED, now);
                user.socketsNow(
                        registry.liveSocketsOf(user.userId()), event.disconnectedAt(), SocketLoss.DISCONNECTED, now);
                presence.settle(user);
            }
        }
    }

    @Transactional
    public void active(SocketActivity event) {
        UserPresence user = presence.lock(List.of(event.userId())).get(event.userId());
        boolean live =
                registry.socket(event.socketId()).map(SocketRecord::isLive).orElse(false);
        if (live) {
            user.recordActivity(event.activeAt(), clock.instant());
            presence.settle(user);
        }
    }

    @Transactional
    public void heartbeat(InstanceHeartbeat beat) {
        Instant now = clock.instant();
        Duration lease = properties.leaseFor(beat.intervalMs());
        InstanceLease instance = registry.instance(beat.instanceId()).orElse(null);
        if (!SocketRules.isNews(instance, beat.sentAt(), now, lease)) {
            return;
        }
        if (beat.stopping()) {
            retire(beat.instanceId(), State.STOPPED, beat.sentAt(), SocketLoss.DISCONNECTED, now);
            return;
        }
        List<LiveSocket> listed = beat.sockets() == null ? List.of() : beat.sockets();
        Reconciliation changes = SocketRules.reconcile(
                beat.sentAt(),
                listed,
                registry.liveOnInstance(beat.instanceId()),
                registry.sockets(listed.stream().map(LiveSocket::socketId).toList()));
        Map<UUID, UserPresence> users = presence.lock(changes.users());
        InstanceLease locked = registry.lockInstance(beat.instanceId()).orElse(null);
        // the locks may have been waited for: the renewed lease runs from the moment they are held
        Instant lockedAt = clock.instant();
        if (!SocketRules.isNews(locked, beat.sentAt(), lockedAt, lease)) {
            return; // applied meanwhile (a redelivery racing itself across a rebalance)
        }
        registry.renew(
                beat.instanceId(), beat.startedAt(), beat.sentAt(), beat.intervalMs(), lockedAt.plus(lease), lockedAt);
        if (changes.isEmpty()) {
            return;
        }
        Map<UUID, Instant> lostAt = new HashMap<>();
        Instant knownAliveAt = locked == null ? null : locked.lastSentAt();
        for (SocketRecord ghost : changes.ghosts()) {
            Instant closedAt = closedAt(knownAliveAt, ghost, lockedAt);
            registry.close(ghost.socketId(), closedAt, ClosedReason.ABSENT, lockedAt);
            lostAt.merge(ghost.userId(), closedAt, ConnectionTracker::latest);
        }
        for (LiveSocket missing : changes.missing()) {
            registry.addLive(missing.socketId(), missing.userId(), beat.instanceId(), missing.connectedAt(), lockedAt);
            users.get(missing.userId()).recordActivity(missing.connectedAt(), lockedAt);
        }
        for (SocketRecord revived : changes.revived()) {
            registry.revive(revived.socketId(), beat.instanceId(), lockedAt);
            // its connect may have been refused (instance taken for dead), so it never counted as activity
            users.get(revived.userId()).recordActivity(revived.connectedAt(), lockedAt);
        }
        for (UserPresence user : users.values()) {
            user.socketsNow(
                    registry.liveSocketsOf(user.userId()), lostAt.get(user.userId()), SocketLoss.REMOVED, lockedAt);
            presence.settle(user);
        }
        count("ghost", changes.ghosts().size());
        count("missing", changes.missing().size());
        count("revived", changes.revived().size());
        log.info(
                "Heartbeat of {} repaired sockets: {} ghosts removed, {} missing added, {} revived",
                beat.instanceId(),
                changes.ghosts().size(),
                changes.missing().size(),
                changes.revived().size());
    }

    /**
     * The instance's lease ran out by {@code leaseTime} (see {@code InstanceLeases}): its sockets are removed (no
     * offline grace: it has been silent for a whole lease already). Does nothing if a heartbeat renewed it
     * meanwhile; also sweeps sockets that reached a dead instance while it was being retired.
     */
    @Transactional
    public void expire(String instanceId, Instant leaseTime) {
        retire(instanceId, State.EXPIRED, null, SocketLoss.REMOVED, leaseTime);
    }

    private void retire(String instanceId, State state, Instant sentAt, SocketLoss loss, Instant leaseTime) {
        Instant now = clock.instant();
        List<SocketRecord> live = registry.liveOnInstance(instanceId);
        Map<UUID, UserPresence> users =
                presence.lock(live.stream().map(SocketRecord::userId).toList());
        InstanceLease locked = registry.lockInstance(instanceId).orElse(null);
        if (state == State.STOPPED) {
            registry.retire(instanceId, State.STOPPED, sentAt, now);
        } else if (locked != null && locked.isLive()) {
            if (locked.leaseExpiresAt().isAfter(leaseTime)) {
                return; // renewed by a heartbeat meanwhile
            }
            registry.retire(instanceId, State.EXPIRED, null, now);
            meters.counter("connectnow.presence.instances.expired").increment();
            log.info("Realtime instance {} missed its lease: removing its {} sockets", instanceId, live.size());
        }
        Instant knownAliveAt = sentAt != null ? sentAt : locked == null ? null : locked.lastSentAt();
        Map<UUID, Instant> lostAt = new HashMap<>();
        for (SocketRecord socket : live) {
            Instant closedAt = closedAt(knownAliveAt, socket, now);
            registry.close(socket.socketId(), closedAt, ClosedReason.EXPIRED, now);
            lostAt.merge(socket.userId(), closedAt, ConnectionTracker::latest);
        }
        for (UserPresence user : users.values()) {
            user.socketsNow(registry.liveSocketsOf(user.userId()), lostAt.get(user.userId()), loss, now);
            presence.settle(user);
        }
    }

    /**
     * When a socket the service removes went away: not known exactly; the last moment its instance was known to
     * hold it (its newest heartbeat), or its connect if that came later.
     */
    private static Instant closedAt(Instant knownAliveAt, SocketRecord socket, Instant now) {
        Instant closedAt = latest(knownAliveAt, socket.connectedAt());
        return closedAt != null ? closedAt : now;
    }

    private void count(String kind, int n) {
        if (n > 0) {
            meters.counter("connectnow.presence.sockets.repaired", "kind", kind).increment(n);
        }
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
