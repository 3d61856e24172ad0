package dev.connectnow.presence.connection;

import dev.connectnow.presence.connection.InstanceLease.State;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code presence_sockets} and {@code realtime_instances} tables. Socket rows are changed only while their
 * user's presence row is locked; an instance row is locked after the users' rows, never before (one lock order
 * for consumers, heartbeats and the lease check).
 */
@Repository
public class SocketRegistry {

    private static final String SOCKET_COLUMNS =
            "socket_id, user_id, instance_id, connected_at, closed_at, closed_reason";
    private static final String INSTANCE_COLUMNS =
            "instance_id, state, started_at, last_sent_at, interval_ms, lease_expires_at";
    private static final RowMapper<SocketRecord> SOCKET = SocketRegistry::socket;
    private static final RowMapper<InstanceLease> INSTANCE = SocketRegistry::instance;

    private final JdbcTemplate jdbc;

    public SocketRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ----- sockets -----

    public Optional<SocketRecord> socket(UUID socketId) {
        return jdbc
                .query("select " + SOCKET_COLUMNS + " from presence_sockets where socket_id = ?", SOCKET, socketId)
                .stream()
                .findFirst();
    }

    public Map<UUID, SocketRecord> sockets(Collection<UUID> socketIds) {
        return jdbc
                .query("select " + SOCKET_COLUMNS + " from presence_sockets where socket_id = any(?)", SOCKET, (Object)
                        socketIds.toArray(UUID[]::new))
                .stream()
                .collect(Collectors.toMap(SocketRecord::socketId, Function.identity()));
    }

    /** The user's live sockets, oldest first. */
    public List<UUID> liveSocketsOf(UUID userId) {
        return jdbc.queryForList("""
                        select socket_id from presence_sockets where user_id = ? and closed_reason is null
                        order by connected_at, socket_id""", UUID.class, userId);
    }

    public List<SocketRecord> liveOnInstance(String instanceId) {
        return jdbc.query(
                "select " + SOCKET_COLUMNS + " from presence_sockets where instance_id = ? and closed_reason is null",
                SOCKET,
                instanceId);
    }

    public void addLive(UUID socketId, UUID userId, String instanceId, Instant connectedAt, Instant now) {
        jdbc.update("""
                        insert into presence_sockets (socket_id, user_id, instance_id, connected_at, updated_at)
                        values (?, ?, ?, ?, ?) on conflict (socket_id) do nothing""", socketId, userId, instanceId, timestamp(connectedAt), timestamp(now));
    }

    public void addClosed(
            UUID socketId,
            UUID userId,
            String instanceId,
            Instant connectedAt,
            Instant closedAt,
            ClosedReason reason,
            Instant now) {
        jdbc.update(
                """
                        insert into presence_sockets
                            (socket_id, user_id, instance_id, connected_at, closed_at, closed_reason, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict (socket_id) do nothing""",
                socketId,
                userId,
                instanceId,
                timestamp(connectedAt),
                timestamp(closedAt),
                reason.name(),
                timestamp(now));
    }

    public void close(UUID socketId, Instant closedAt, ClosedReason reason, Instant now) {
        jdbc.update(
                "update presence_sockets set closed_at = ?, closed_reason = ?, updated_at = ? where socket_id = ?",
                timestamp(closedAt),
                reason.name(),
                timestamp(now),
                socketId);
    }

    /** A non-final tombstone listed by a newer heartbeat of {@code instanceId} becomes live again. */
    public void revive(UUID socketId, String instanceId, Instant now) {
        jdbc.update("""
                        update presence_sockets set closed_at = null, closed_reason = null, instance_id = ?,
                            updated_at = ? where socket_id = ? and closed_reason <> 'DISCONNECTED'""", instanceId, timestamp(now), socketId);
    }

    /** Forgets tombstones closed before {@code cutoff}, at most {@code limit}; returns how many. */
    public int purgeClosedBefore(Instant cutoff, int limit) {
        return jdbc.update("""
                        delete from presence_sockets where socket_id in (select socket_id from presence_sockets
                            where closed_reason is not null and updated_at < ? limit ?)""", timestamp(cutoff), limit);
    }

    // ----- instances -----

    public Optional<InstanceLease> instance(String instanceId) {
        return jdbc
                .query(
                        "select " + INSTANCE_COLUMNS + " from realtime_instances where instance_id = ?",
                        INSTANCE,
                        instanceId)
                .stream()
                .findFirst();
    }

    public Optional<InstanceLease> lockInstance(String instanceId) {
        return jdbc
                .query(
                        "select " + INSTANCE_COLUMNS + " from realtime_instances where instance_id = ? for update",
                        INSTANCE,
                        instanceId)
                .stream()
                .findFirst();
    }

    /** Instances whose lease ran out by {@code now}, and dead ones that still have live sockets. */
    public List<String> expiredOrStillHolding(Instant now) {
        return jdbc.queryForList("""
                        select instance_id from realtime_instances where state = 'LIVE' and lease_expires_at <= ?
                        union
                        select distinct s.instance_id from presence_sockets s
                        join realtime_instances i on i.instance_id = s.instance_id
                        where s.closed_reason is null and i.state <> 'LIVE'""", String.class, timestamp(now));
    }

    /** A lease for an instance known only from a connect (its first heartbeat is on its way). */
    public void grantProvisionalLease(String instanceId, Instant leaseExpiresAt, Instant now) {
        jdbc.update("""
                        insert into realtime_instances (instance_id, state, lease_expires_at, updated_at)
                        values (?, 'LIVE', ?, ?) on conflict (instance_id) do nothing""", instanceId, timestamp(leaseExpiresAt), timestamp(now));
    }

    /** Records a heartbeat that is news: the instance is LIVE until {@code leaseExpiresAt}. */
    public void renew(
            String instanceId,
            Instant startedAt,
            Instant sentAt,
            long intervalMs,
            Instant leaseExpiresAt,
            Instant now) {
        jdbc.update(
                """
                        insert into realtime_instances
                            (instance_id, state, started_at, last_sent_at, interval_ms, lease_expires_at, updated_at)
                        values (?, 'LIVE', ?, ?, ?, ?, ?)
                        on conflict (instance_id) do update set state = 'LIVE', started_at = excluded.started_at,
                            last_sent_at = excluded.last_sent_at, interval_ms = excluded.interval_ms,
                            lease_expires_at = excluded.lease_expires_at, updated_at = excluded.updated_at""",
                instanceId,
                timestamp(startedAt),
                timestamp(sentAt),
                intervalMs,
                timestamp(leaseExpiresAt),
                timestamp(now));
    }

    /** The instance is dead ({@code EXPIRED}) or said goodbye ({@code STOPPED}, with its last heartbeat's time). */
    public void retire(String instanceId, State state, Instant lastSentAt, Instant now) {
        jdbc.update("""
                        insert into realtime_instances (instance_id, state, last_sent_at, lease_expires_at, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (instance_id) do update set state = excluded.state,
                            last_sent_at = coalesce(excluded.last_sent_at, realtime_instances.last_sent_at),
                            updated_at = excluded.updated_at""", instanceId, state.name(), timestamp(lastSentAt), timestamp(now), timestamp(now));
    }

    /** After a restart of this service, time it was not listening does not count against any lease. */
    public int extendLiveLeases(Instant until, Instant now) {
        return jdbc.update("""
                        update realtime_instances set lease_expires_at = ?, updated_at = ?
                        where state = 'LIVE' and lease_expires_at < ?""", timestamp(until), timestamp(now), timestamp(until));
    }

    /** Forgets instances dead since before {@code cutoff} that hold no socket rows any more. */
    public int purgeRetiredBefore(Instant cutoff) {
        return jdbc.update("""
                        delete from realtime_instances i where i.state <> 'LIVE' and i.updated_at < ?
                        and not exists (select 1 from presence_sockets s where s.instance_id = i.instance_id)""", timestamp(cutoff));
    }

    private static SocketRecord socket(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("closed_reason");
        return new SocketRecord(
                rs.getObject("socket_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("instance_id"),
                instant(rs, "connected_at"),
                instant(rs, "closed_at"),
                reason == null ? null : ClosedReason.valueOf(reason));
    }

    private static InstanceLease instance(ResultSet rs, int row) throws SQLException {
        return new InstanceLease(
                rs.getString("instance_id"),
                State.valueOf(rs.getString("state")),
                instant(rs, "started_at"),
                instant(rs, "last_sent_at"),
                rs.getLong("interval_ms"),
                instant(rs, "lease_expires_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
