package dev.connectnow.message.channel;

import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The local projection of channels and channel memberships (from {@code connectnow.channel}), and the
 * per-channel message counter. Requests only read it (and take the next seq); the event handler writes it.
 */
@Repository
public class ChannelDirectory {

    private static final String COLUMNS = "id, workspace_id, name, topic, is_private, is_archived";

    private final JdbcTemplate jdbc;

    public ChannelDirectory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A live channel; empty if unknown or deleted. */
    public Optional<ChannelState> find(UUID channelId) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from channels where id = ? and not is_deleted",
                        ChannelDirectory::state,
                        channelId)
                .stream()
                .findFirst();
    }

    public Optional<ChannelRole> roleOf(UUID channelId, UUID userId) {
        return jdbc
                .query(
                        "select role from channel_members where channel_id = ? and user_id = ?",
                        (rs, i) -> ChannelRole.valueOf(rs.getString(1)),
                        channelId,
                        userId)
                .stream()
                .findFirst();
    }

    /** Which of the given users are members of the channel (served by the primary key). */
    public List<UUID> membersAmong(UUID channelId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(
                "select user_id from channel_members where channel_id = ? and user_id = any(?)",
                UUID.class,
                channelId,
                userIds.toArray(UUID[]::new));
    }

    /**
     * Takes the channel's next message number inside the caller's transaction. The row stays locked until
     * the transaction ends, so concurrent posts to one channel get consecutive numbers in commit order, and a
     * rollback returns the number (no gap). Also returns the channel as it is under the lock, so a concurrent
     * archive is seen; empty if the channel is gone.
     */
    public Optional<SeqGrant> nextSeq(UUID channelId) {
        return jdbc
                .query(
                        "update channels set last_seq = last_seq + 1 where id = ? and not is_deleted returning last_seq, "
                                + COLUMNS,
                        (rs, i) -> new SeqGrant(rs.getLong("last_seq"), state(rs, i)),
                        channelId)
                .stream()
                .findFirst();
    }

    /** A seq taken under the channel's lock, with the channel's state at that moment. */
    public record SeqGrant(long seq, ChannelState channel) {}

    // ----- writes, from the event handler only -----

    /** The channel as last known, including a deleted one (the handler compares names and topics). */
    public Optional<ChannelState> findIncludingDeleted(UUID channelId) {
        return jdbc
                .query("select " + COLUMNS + " from channels where id = ?", ChannelDirectory::state, channelId)
                .stream()
                .findFirst();
    }

    public boolean isDeleted(UUID channelId) {
        return Boolean.TRUE.equals(jdbc.query(
                "select is_deleted from channels where id = ?", rs -> rs.next() && rs.getBoolean(1), channelId));
    }

    /** Creates or updates the channel row from a channel event; a deleted channel stays deleted. */
    public void upsert(ChannelChanged c, Instant at) {
        jdbc.update(
                """
                insert into channels (id, workspace_id, name, topic, is_private, is_archived, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name, topic = excluded.topic,
                    is_private = excluded.is_private, is_archived = excluded.is_archived,
                    updated_at = excluded.updated_at
                where not channels.is_deleted""",
                c.channelId(),
                c.workspaceId(),
                c.name(),
                c.topic(),
                c.isPrivate(),
                c.isArchived(),
                Timestamp.from(at));
    }

    /** Makes sure a channel named only by a member event exists (its name arrives with channel events). */
    public void ensureKnown(UUID channelId, UUID workspaceId, boolean isPrivate, Instant at) {
        jdbc.update("""
                insert into channels (id, workspace_id, is_private, updated_at) values (?, ?, ?, ?)
                on conflict (id) do nothing""", channelId, workspaceId, isPrivate, Timestamp.from(at));
    }

    public void markDeleted(UUID channelId, UUID workspaceId, Instant at) {
        jdbc.update("""
                insert into channels (id, workspace_id, is_private, is_deleted, updated_at) values (?, ?, true, true, ?)
                on conflict (id) do update set is_deleted = true, updated_at = excluded.updated_at""", channelId, workspaceId, Timestamp.from(at));
        jdbc.update("delete from channel_members where channel_id = ?", channelId);
    }

    /** Adds or updates a membership; returns whether the user was not a member before. */
    public boolean putMember(UUID channelId, UUID userId, ChannelRole role) {
        boolean existed = roleOf(channelId, userId).isPresent();
        jdbc.update("""
                insert into channel_members (channel_id, user_id, role) values (?, ?, ?)
                on conflict (channel_id, user_id) do update set role = excluded.role""", channelId, userId, role.name());
        return !existed;
    }

    /** Returns whether the user was a member. */
    public boolean removeMember(UUID channelId, UUID userId) {
        return jdbc.update("delete from channel_members where channel_id = ? and user_id = ?", channelId, userId) == 1;
    }

    private static ChannelState state(ResultSet rs, int row) throws SQLException {
        return new ChannelState(
                rs.getObject("id", UUID.class),
                rs.getObject("workspace_id", UUID.class),
                rs.getString("name"),
                rs.getString("topic"),
                rs.getBoolean("is_private"),
                rs.getBoolean("is_archived"));
    }
}
