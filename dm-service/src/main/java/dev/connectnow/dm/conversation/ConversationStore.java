package dev.connectnow.dm.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of conversations. Creation is an insert that does nothing on the unique pair, so concurrent
 * find-or-create calls in both directions produce one row; counters change only with single conditional
 * statements that hold the row lock until commit (sequence numbers are handed out one at a time, read
 * positions only move forward).
 */
@Repository
public class ConversationStore {

    private static final String COLUMNS = """
            select id, user_a_id, user_b_id, last_message_at, last_message_seq, user_a_last_read_seq,
                   user_b_last_read_seq, created_at, updated_at
            from direct_conversations""";

    private final JdbcTemplate jdbc;

    public ConversationStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Conversation> find(UUID id) {
        return one(jdbc.query(COLUMNS + " where id = ?", ConversationStore::row, id));
    }

    /** The conversation, locked until the transaction ends (sends and read marks of it wait for us). */
    public Optional<Conversation> findLocked(UUID id) {
        return one(jdbc.query(COLUMNS + " where id = ? for update", ConversationStore::row, id));
    }

    /** Served by direct_conversations_pair_uq. */
    public Optional<Conversation> findByPair(Participants pair) {
        return one(jdbc.query(
                COLUMNS + " where user_a_id = ? and user_b_id = ?",
                ConversationStore::row,
                pair.userA(),
                pair.userB()));
    }

    /**
     * Inserts the conversation unless the pair has one; true if this call created it. A concurrent creator of
     * the same pair makes this wait for its commit and then do nothing.
     */
    public boolean insertIfAbsent(UUID id, Participants pair, Instant now) {
        return jdbc.update("""
                        insert into direct_conversations (id, user_a_id, user_b_id, created_at, updated_at)
                        values (?, ?, ?, ?, ?) on conflict (user_a_id, user_b_id) do nothing""", id, pair.userA(), pair.userB(), Timestamp.from(now), Timestamp.from(now)) == 1;
    }

    /**
     * Hands out the next sequence number for a message of {@code senderId}, moves the last message and the
     * sender's own read position to it, and returns it. The row stays locked until commit, so a
     * conversation's messages (and their outbox events) are created one after the other, in seq order.
     */
    public long appendMessage(UUID conversationId, UUID senderId, Instant at) {
        Long seq = jdbc.queryForObject(
                """
                        update direct_conversations set last_message_seq = last_message_seq + 1,
                            last_message_at = ?, updated_at = ?,
                            user_a_last_read_seq = case when user_a_id = ? then last_message_seq + 1
                                                        else user_a_last_read_seq end,
                            user_b_last_read_seq = case when user_b_id = ? then last_message_seq + 1
                                                        else user_b_last_read_seq end
                        where id = ? returning last_message_seq""", Long.class, Timestamp.from(at), Timestamp.from(at), senderId, senderId, conversationId);
        if (seq == null) {
            throw new IllegalStateException("conversation vanished while appending a message");
        }
        return seq;
    }

    /** Moves the reader's read position forward to {@code seq}; false if it already was there or beyond. */
    public boolean advanceReadPosition(Conversation conversation, UUID readerId, long seq) {
        String column =
                conversation.participants().userA().equals(readerId) ? "user_a_last_read_seq" : "user_b_last_read_seq";
        return jdbc.update(
                        "update direct_conversations set " + column + " = ? where id = ? and " + column + " < ?",
                        seq,
                        conversation.id(),
                        seq)
                == 1;
    }

    private static Optional<Conversation> one(List<Conversation> rows) {
        return rows.stream().findFirst();
    }

    static Conversation row(ResultSet rs, int rowNum) throws SQLException {
        return new Conversation(
                rs.getObject("id", UUID.class),
                new Participants(rs.getObject("user_a_id", UUID.class), rs.getObject("user_b_id", UUID.class)),
                instant(rs, "last_message_at"),
                rs.getLong("last_message_seq"),
                rs.getLong("user_a_last_read_seq"),
                rs.getLong("user_b_last_read_seq"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
