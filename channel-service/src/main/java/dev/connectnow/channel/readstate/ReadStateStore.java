package dev.connectnow.channel.readstate;

import dev.connectnow.chassis.web.PageRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of read state. Every write here is monotonic (greatest / "only if newer"), so applying the same
 * message event twice, or events out of order, leaves the same result.
 */
@Repository
public class ReadStateStore {

    /**
     * Unread messages of membership {@code m} in channel {@code c}: the seq distance minus the messages deleted
     * after the read position (an index-only scan of channel_deleted_messages' primary key over those few).
     */
    public static final String UNREAD_COUNT = " greatest(c.last_message_seq - m.last_read_seq"
            + " - (select count(*) from channel_deleted_messages d where d.channel_id = c.id"
            + " and d.seq > m.last_read_seq and d.seq <= c.last_message_seq), 0) ";

    private final JdbcTemplate jdbc;

    public ReadStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves the channel's last message forward; false if the channel does not exist (deleted/unknown). */
    public boolean advanceChannel(UUID channelId, long seq, Instant at) {
        return jdbc.update("""
                        update channels set last_message_seq = greatest(last_message_seq, ?),
                            last_message_at = greatest(last_message_at, ?)
                        where id = ?""", seq, Timestamp.from(at), channelId) == 1;
    }

    /** Records that the message with this seq is deleted (no-op when known or for an unknown channel). */
    public void recordDeleted(UUID channelId, long seq) {
        jdbc.update("""
                        insert into channel_deleted_messages (channel_id, seq)
                        select ?, ? where exists (select 1 from channels where id = ?)
                        on conflict do nothing""", channelId, seq, channelId);
    }

    /** Remembers messageId -> seq for mark-read (no-op for a known message or an unknown channel). */
    public void index(UUID messageId, UUID channelId, long seq, Instant createdAt) {
        jdbc.update("""
                        insert into channel_message_index (message_id, channel_id, seq, created_at)
                        select ?, ?, ?, ? where exists (select 1 from channels where id = ?)
                        on conflict (message_id) do nothing""", messageId, channelId, seq, Timestamp.from(createdAt), channelId);
    }

    /** The seq of a message of this channel, if indexed. */
    public Optional<Long> seqOf(UUID channelId, UUID messageId) {
        List<Long> seqs = jdbc.query(
                "select seq from channel_message_index where message_id = ? and channel_id = ?",
                (rs, i) -> rs.getLong(1),
                messageId,
                channelId);
        return seqs.stream().findFirst();
    }

    /** Moves a member's read position forward only; returns whether it moved. */
    public boolean advanceReadPosition(UUID channelId, UUID userId, long seq, UUID messageId, Instant at) {
        return jdbc.update("""
                        update channel_members set last_read_seq = ?, last_read_message_id = ?, last_read_at = ?
                        where channel_id = ? and user_id = ? and last_read_seq < ?""", seq, messageId, Timestamp.from(at), channelId, userId, seq) == 1;
    }

    /** Unread counts of my channels in a workspace, keyset by channel id (channel_members_user_workspace_idx). */
    public List<UnreadRow> unread(UUID userId, UUID workspaceId, UUID afterChannelId, int limitPlusOne) {
        List<Object> args = new ArrayList<>(List.of(userId, workspaceId));
        String after = "";
        if (afterChannelId != null) {
            after = " and m.channel_id > ?";
            args.add(afterChannelId);
        }
        args.add(limitPlusOne);
        String sql = """
                select m.channel_id, """ + UNREAD_COUNT + """
                       , m.is_muted
                from channel_members m join channels c on c.id = m.channel_id
                where m.user_id = ? and m.workspace_id = ?
                """ + after + " order by m.channel_id limit ?";
        return jdbc.query(
                sql,
                (rs, i) -> new UnreadRow(rs.getObject(1, UUID.class), rs.getLong(2), rs.getBoolean(3)),
                args.toArray());
    }

    public record UnreadRow(UUID channelId, long unreadCount, boolean isMuted) {

        String cursor() {
            return PageRequest.encode(channelId);
        }
    }

    /** Deletes up to {@code batch} index rows older than the cutoff; returns how many. */
    public int pruneIndex(Instant cutoff, int batch) {
        return jdbc.update("""
                        delete from channel_message_index where message_id in (
                            select message_id from channel_message_index where created_at < ? limit ?)""", Timestamp.from(cutoff), batch);
    }
}
