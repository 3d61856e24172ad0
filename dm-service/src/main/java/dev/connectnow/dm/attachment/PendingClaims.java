package dev.connectnow.dm.attachment;

import dev.connectnow.events.UuidV7;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which message id a send with files claims them for. message-service accepts a claim again only for the same
 * direct message id, so a sender who retries the same files in the same conversation — after a time-out, a
 * 503 or a refused type — must get the id of the first attempt, or the files would be stuck on a message that
 * never existed. The mapping is written before the claim and deleted with the message's insert.
 */
@Repository
public class PendingClaims {

    /** Longer than message-service keeps an unconfirmed upload (24 h): after that a retry cannot succeed. */
    static final Duration KEPT_FOR = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public PendingClaims(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The message id of a pending attempt that claimed exactly these files in this conversation for this
     * sender, else a new one, recorded for the files (rows of other senders are left alone: those files are
     * not theirs, and message-service will refuse the claim).
     */
    @Transactional
    public UUID messageIdFor(UUID senderId, UUID conversationId, List<UUID> attachmentIds) {
        Instant now = clock.instant();
        // leftovers of sends that never completed, anyone's: a retry after KEPT_FOR could not succeed anyway
        jdbc.update("delete from pending_attachment_claims where created_at < ?", Timestamp.from(now.minus(KEPT_FOR)));
        UUID[] ids = attachmentIds.toArray(UUID[]::new);
        List<UUID> pending = jdbc.queryForList("""
                        select direct_message_id from pending_attachment_claims
                        where attachment_id = any(?) and sender_id = ? and conversation_id = ?""", UUID.class, ids, senderId, conversationId);
        Set<UUID> distinct = new HashSet<>(pending);
        if (pending.size() == attachmentIds.size() && distinct.size() == 1) {
            return pending.get(0);
        }
        UUID messageId = UuidV7.next();
        for (UUID attachmentId : attachmentIds) {
            jdbc.update("""
                            insert into pending_attachment_claims
                                (attachment_id, direct_message_id, conversation_id, sender_id, created_at)
                            values (?, ?, ?, ?, ?)
                            on conflict (attachment_id) do update set direct_message_id = excluded.direct_message_id,
                                conversation_id = excluded.conversation_id, created_at = excluded.created_at
                            where pending_attachment_claims.sender_id = excluded.sender_id""", attachmentId, messageId, conversationId, senderId, Timestamp.from(now));
        }
        return messageId;
    }

    /** The message is stored: its files are no longer pending. In the message's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stored(UUID messageId) {
        jdbc.update("delete from pending_attachment_claims where direct_message_id = ?", messageId);
    }
}
