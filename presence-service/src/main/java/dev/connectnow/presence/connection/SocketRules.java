package dev.connectnow.presence.connection;

import dev.connectnow.events.connection.ConnectionEvents.LiveSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How socket events and instance heartbeats change the set of live sockets, whatever order they arrive in and
 * however often. Socket events are keyed by user and heartbeats by instance, so they travel on different
 * partitions and race each other; the rules compare timestamps of the same instance's clock only. Pure: no
 * Spring, no database.
 *
 * <ul>
 *   <li>A socket id is known once: a connect for a known id (live or tombstone) does nothing, so redelivery and
 *   a disconnect that overtook its connect both leave it as it is.</li>
 *   <li>A connect is accepted only from an instance that may be alive: known LIVE, or unknown and the connect is
 *   younger than the lease (the instance's first heartbeat is on its way; a provisional lease starts). A
 *   connect older than the newest heartbeat applied is refused: that heartbeat would have listed the socket.
 *   A refused socket is an ABSENT tombstone, which a newer heartbeat listing it undoes.</li>
 *   <li>A disconnect is final.</li>
 *   <li>A heartbeat is the instance's word on what it holds at {@code sentAt}; only a heartbeat newer than the
 *   newest applied counts (of an unknown instance: only one younger than the lease). A live socket of the
 *   instance that connected before {@code sentAt} and is not listed is a ghost (its disconnect was lost or is
 *   late) and is closed; a listed socket that is unknown or closed but not DISCONNECTED is added (its connect
 *   was lost or is late, or the instance was wrongly taken for dead).</li>
 * </ul>
 */
public final class SocketRules {

    public enum ConnectDecision {
        /** Known socket: nothing to do. */
        IGNORE,
        /** Add it as live. */
        ADD,
        /** Add it as live and grant its unknown instance a provisional lease. */
        ADD_WITH_PROVISIONAL_LEASE,
        /** Remember it as ABSENT: its instance cannot be confirmed alive for it. */
        REFUSE
    }

    public static ConnectDecision connect(
            SocketRecord existing, InstanceLease instance, Instant connectedAt, Instant now, Duration lease) {
        if (existing != null) {
            return ConnectDecision.IGNORE;
        }
        if (instance == null) {
            return connectedAt.isBefore(now.minus(lease))
                    ? ConnectDecision.REFUSE
                    : ConnectDecision.ADD_WITH_PROVISIONAL_LEASE;
        }
        if (!instance.isLive()) {
            return ConnectDecision.REFUSE;
        }
        if (instance.lastSentAt() != null && connectedAt.isBefore(instance.lastSentAt())) {
            return ConnectDecision.REFUSE;
        }
        return ConnectDecision.ADD;
    }

    public enum DisconnectDecision {
        /** Already final: nothing to do. */
        IGNORE,
        /** Unknown socket: remember it as DISCONNECTED so its late connect is ignored. */
        TOMBSTONE,
        /** A live socket closes: the user loses it. */
        CLOSE_LIVE,
        /** A non-final tombstone becomes final (no heartbeat may bring it back). */
        MAKE_FINAL
    }

    public static DisconnectDecision disconnect(SocketRecord existing) {
        if (existing == null) {
            return DisconnectDecision.TOMBSTONE;
        }
        if (existing.isLive()) {
            return DisconnectDecision.CLOSE_LIVE;
        }
        return existing.closedReason().isFinal() ? DisconnectDecision.IGNORE : DisconnectDecision.MAKE_FINAL;
    }

    /**
     * Whether a heartbeat sent at {@code sentAt} is news, given the instance's record (null: unknown). A heartbeat
     * of a known instance is news if it is newer than the newest applied, however late it is read: a consumer
     * behind by more than a lease must still renew the lease (the lease check waits for it). Only an instance never
     * heard of needs a heartbeat younger than the lease: an older one is a replay of the topic.
     */
    public static boolean isNews(InstanceLease instance, Instant sentAt, Instant now, Duration lease) {
        if (instance == null) {
            return !sentAt.isBefore(now.minus(lease));
        }
        return instance.lastSentAt() == null || sentAt.isAfter(instance.lastSentAt());
    }

    /**
     * What a heartbeat changes.
     *
     * @param ghosts   live sockets to close (ABSENT)
     * @param missing  listed sockets never seen, to add as live
     * @param revived  listed sockets closed by a non-final tombstone, to make live again
     */
    public record Reconciliation(List<SocketRecord> ghosts, List<LiveSocket> missing, List<SocketRecord> revived) {

        public boolean isEmpty() {
            return ghosts.isEmpty() && missing.isEmpty() && revived.isEmpty();
        }

        /** Every user whose sockets change. */
        public List<UUID> users() {
            List<UUID> users = new ArrayList<>();
            ghosts.forEach(s -> users.add(s.userId()));
            missing.forEach(s -> users.add(s.userId()));
            revived.forEach(s -> users.add(s.userId()));
            return users.stream().distinct().toList();
        }
    }

    /**
     * @param sentAt         the heartbeat's time (instance clock)
     * @param listed         the heartbeat's sockets
     * @param liveOnInstance the sockets held live for this instance
     * @param knownListed    what is held for the listed socket ids, by id (absent: never seen)
     */
    public static Reconciliation reconcile(
            Instant sentAt,
            Collection<LiveSocket> listed,
            Collection<SocketRecord> liveOnInstance,
            Map<UUID, SocketRecord> knownListed) {
        Set<UUID> listedIds = new HashSet<>();
        List<LiveSocket> missing = new ArrayList<>();
        List<SocketRecord> revived = new ArrayList<>();
        for (LiveSocket socket : listed) {
            if (!listedIds.add(socket.socketId())) {
                continue; // listed twice
            }
            SocketRecord known = knownListed.get(socket.socketId());
            if (known == null) {
                missing.add(socket);
            } else if (!known.isLive() && !known.closedReason().isFinal()) {
                revived.add(known);
            }
        }
        List<SocketRecord> ghosts = liveOnInstance.stream()
                .filter(s -> !listedIds.contains(s.socketId()))
                .filter(s -> s.connectedAt() == null || s.connectedAt().isBefore(sentAt))
                .toList();
        return new Reconciliation(ghosts, missing, revived);
    }

    private SocketRules() {}
}
