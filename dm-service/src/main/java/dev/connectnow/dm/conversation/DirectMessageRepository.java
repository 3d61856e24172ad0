package dev.connectnow.dm.conversation;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface DirectMessageRepository extends JpaRepository<DirectMessage, UUID> {

    Optional<DirectMessage> findBySenderIdAndClientMessageId(UUID senderId, UUID clientMessageId);

    /**
     * One page of a conversation's messages, newest first, older than {@code beforeSeq}: a backward range scan
     * of direct_messages_conversation_seq_uq (proved in DirectMessageQueryPlanTest).
     */
    String PAGE_SQL = """
            select * from direct_messages where conversation_id = :conversationId and seq < :beforeSeq
            order by seq desc limit :limit""";

    @Query(value = PAGE_SQL, nativeQuery = true)
    List<DirectMessage> page(UUID conversationId, long beforeSeq, int limit);

    /** The message, locked until the transaction ends: concurrent edits and deletes of it take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from DirectMessage m where m.id = ?1")
    Optional<DirectMessage> findLocked(UUID id);

    /**
     * Marks {@code senderId}'s unread messages up to {@code seq} read by the other participant; returns how
     * many. Visits only unread rows (direct_messages_unread_idx).
     */
    String MARK_READ_SQL = """
            update direct_messages set is_read = true, read_at = :at
            where conversation_id = :conversationId and seq <= :seq and not is_read and sender_id = :senderId""";

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query(value = MARK_READ_SQL, nativeQuery = true)
    int markReadUpTo(UUID conversationId, UUID senderId, long seq, Instant at);
}
