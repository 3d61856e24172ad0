package dev.connectnow.presence.status;

import dev.connectnow.events.presence.PresenceEvents.PresenceStatus;
import dev.connectnow.events.workspace.MembershipOrdering;
import dev.connectnow.presence.status.StatusMachine.Visible;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code user_presence} table. Every writer locks the rows it changes in user id order (the timers skip
 * locked rows instead), so concurrent consumers, heartbeats and timers never deadlock on them.
 */
@Repository
public class PresenceStore {

    private static final String COLUMNS = """
            id, user_id, status, status_text, last_active_at, socket_ids, chosen_status, last_activity_at,
            last_socket_closed_at, offline_pending_since, version""";
    private static final RowMapper<UserPresence> ROW = PresenceStore::map;

    private final JdbcTemplate jdbc;

    public PresenceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserPresence> find(UUID userId) {
        return jdbc.query("select " + COLUMNS + " from user_presence where user_id = ?", ROW, userId).stream()
                .findFirst();
    }

    public List<UserPresence> findAll(Collection<UUID> userIds) {
        return jdbc.query("select " + COLUMNS + " from user_presence where user_id = any(?)", ROW, (Object)
                userIds.toArray(UUID[]::new));
    }

    /**
     * Creates the missing rows (as {@link UserPresence#newcomer}) and locks all of them for the rest of the
     * transaction, in user id order.
     */
    List<UserPresence> lock(Collection<UUID> userIds, Instant now) {
        UUID[] sorted = userIds.stream()
                .distinct()
                .sorted(MembershipOrdering::compareUnsigned) // PostgreSQL's uuid order
                .toArray(UUID[]::new);
        for (UUID userId : sorted) {
            UserPresence fresh = UserPresence.newcomer(userId);
            jdbc.update("""
                            insert into user_presence (id, user_id, status, updated_at) values (?, ?, ?, ?)
                            on conflict (user_id) do nothing""", fresh.id(), userId, fresh.visible().status().name(), Timestamp.from(now));
        }
        return jdbc.query(
                "select " + COLUMNS + " from user_presence where user_id = any(?) order by user_id for update",
                ROW,
                (Object) sorted);
    }

    /** Up to {@code limit} connected ONLINE users whose newest activity is at or before {@code cutoff}, locked. */
    List<UserPresence> lockIdleOnline(Instant cutoff, int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from user_presence where status = 'ONLINE' and last_activity_at <= ?"
                        + " and cardinality(socket_ids) > 0"
                        + " order by user_id limit ? for update skip locked",
                ROW,
                Timestamp.from(cutoff),
                limit);
    }

    /** Up to {@code limit} users whose offline grace started at or before {@code cutoff}, locked. */
    List<UserPresence> lockOfflineDue(Instant cutoff, int limit) {
        return jdbc.query(
                "select " + COLUMNS + " from user_presence where offline_pending_since <= ?"
                        + " order by user_id limit ? for update skip locked",
                ROW,
                Timestamp.from(cutoff),
                limit);
    }

    void save(UserPresence p, Instant now) {
        jdbc.update(
                """
                        update user_presence set status = ?, status_text = ?, last_active_at = ?, socket_ids = ?,
                            chosen_status = ?, last_activity_at = ?, last_socket_closed_at = ?,
                            offline_pending_since = ?, version = ?, updated_at = ?
                        where id = ?""",
                p.visible().status().name(),
                p.visible().statusText(),
                timestamp(p.visible().lastActiveAt()),
                p.socketIds().toArray(UUID[]::new),
                p.chosen().name(),
                timestamp(p.lastActivityAt()),
                timestamp(p.lastSocketClosedAt()),
                timestamp(p.offlinePendingSince()),
                p.version(),
                Timestamp.from(now),
                p.id());
    }

    private static UserPresence map(ResultSet rs, int row) throws SQLException {
        return new UserPresence(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                new Visible(
                        PresenceStatus.valueOf(rs.getString("status")),
                        rs.getString("status_text"),
                        instant(rs, "last_active_at")),
                uuids(rs.getArray("socket_ids")),
                ChosenStatus.valueOf(rs.getString("chosen_status")),
                instant(rs, "last_activity_at"),
                instant(rs, "last_socket_closed_at"),
                instant(rs, "offline_pending_since"),
                rs.getLong("version"));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((UUID[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
