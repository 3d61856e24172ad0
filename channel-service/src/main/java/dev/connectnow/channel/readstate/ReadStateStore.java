package dev.connectnow.channel.readstate;

import dev.connectnow.chassis.web.PageRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
     * Unread messages of membership {@code m} in channel {@code c}: the seq distance minus the seqs after the read
     * position that do not count, deleted messages and thread replies (an index-only scan of
     * channel_uncounted_seqs' primary key over those).
     */
    public static final String UNREAD_COUNT = " greatest(c.last_message_seq - m.last_read_seq"
            + " - (select count(*) from channel_uncounted_seqs d where d.channel_id = c.id"
            + " and d.seq > m.last_read_seq and d.seq <= c.last_message_seq), 0) ";

    private final JdbcTemplate jdbc;

    public ReadStateStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The effects of posted messages, at most four statements whatever their number: each channel's last message
     * moves forward (highest seq and time), the messages become markable (indexed), thread replies join the seqs
     * that do not count as unread, and each author has read up to their latest message of the timeline. Messages
     * of unknown or deleted channels change nothing: the channel row is gone (a deleted channel's members and
     * index go with it), and the index and uncounted-seq inserts check that it exists.
     */
    void applyPosted(Collection<PostedMessage> messages) {
        Map<UUID, Long> highestSeqOfChannel = new HashMap<>();
        Map<UUID, Instant> newestOfChannel = new HashMap<>();
        Map<List<UUID>, PostedMessage> latestOfAuthor = new HashMap<>();
        for (PostedMessage message : messages) {
            highestSeqOfChannel.merge(message.channelId(), message.seq(), Math::max);
            newestOfChannel.merge(message.channelId(), message.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
            // a reply in a thread says nothing of what its author read in the channel
            if (message.authorId() != null && !message.reply()) {
                latestOfAuthor.merge(List.of(message.channelId(), message.authorId()), message, PostedMessage::later);
            }
        }
        List<UUID> channelIds = List.copyOf(highestSeqOfChannel.keySet());
        jdbc.update(
                """
                update channels c set last_message_seq = greatest(c.last_message_seq, v.seq),
                    last_message_at = greatest(c.last_message_at, v.at)
                from unnest(?::uuid[], ?::bigint[], ?::timestamptz[]) as v(id, seq, at)
                where c.id = v.id""",
                channelIds.toArray(UUID[]::new),
                channelIds.stream().map(highestSeqOfChannel::get).toArray(Long[]::new),
                channelIds.stream()
                        .map(id -> newestOfChannel.get(id).toString())
                        .toArray(String[]::new));
        jdbc.update(
                """
                insert into channel_message_index (message_id, channel_id, seq, created_at)
                select v.message_id, v.channel_id, v.seq, v.created_at
                from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::timestamptz[]) as v(message_id, channel_id, seq, created_at)
                where exists (select 1 from channels c where c.id = v.channel_id)
                on conflict (message_id) do nothing""",
                messages.stream().map(PostedMessage::messageId).toArray(UUID[]::new),
                messages.stream().map(PostedMessage::channelId).toArray(UUID[]::new),
                messages.stream().map(PostedMessage::seq).toArray(Long[]::new),
                messages.stream().map(m -> m.createdAt().toString()).toArray(String[]::new));
        List<PostedMessage> replies =
                messages.stream().filter(PostedMessage::reply).toList();
        if (!replies.isEmpty()) {
            jdbc.update(
                    """
                    insert into channel_uncounted_seqs (channel_id, seq)
                    select v.channel_id, v.seq from unnest(?::uuid[], ?::bigint[]) as v(channel_id, seq)
                    where exists (select 1 from channels c where c.id = v.channel_id)
                    on conflict do nothing""",
                    replies.stream().map(PostedMessage::channelId).toArray(UUID[]::new),
                    replies.stream().map(PostedMessage::seq).toArray(Long[]::new));
        }
        if (latestOfAuthor.isEmpty()) {
            return;
        }
        Collection<PostedMessage> read = latestOfAuthor.values();
        jdbc.update(
                """
                update channel_members m set last_read_seq = v.seq, last_read_message_id = v.message_id,
                    last_read_at = v.at
                from unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::uuid[], ?::timestamptz[])
                    as v(channel_id, user_id, seq, message_id, at)
                where m.channel_id = v.channel_id and m.user_id = v.user_id and m.last_read_seq < v.seq""",
                read.stream().map(PostedMessage::channelId).toArray(UUID[]::new),
                read.stream().map(PostedMessage::authorId).toArray(UUID[]::new),
                read.stream().map(PostedMessage::seq).toArray(Long[]::new),
                read.stream().map(PostedMessage::messageId).toArray(UUID[]::new),
                read.stream().map(m -> m.createdAt().toString()).toArray(String[]::new));
    }

    /** Records that the message with this seq is deleted (no-op when known or for an unknown channel). */
    public void recordDeleted(UUID channelId, long seq) {
        jdbc.update("""
                        insert into channel_uncounted_seqs (channel_id, seq)
                        select ?, ? where exists (select 1 from channels where id = ?)
                        on conflict do nothing""", channelId, seq, channelId);
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
