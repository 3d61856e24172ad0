package dev.connectnow.message.post;

import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** Messages; every list query is keyset-paged and served by an index of V1__messages.sql. */
public interface MessageRepository extends JpaRepository<Message, UUID> {

    /** The message, row-locked until the transaction ends: changes to one message are applied one by one. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select m from Message m where m.id = ?1")
    Optional<Message> findForUpdate(UUID id);

    /** Top-level messages older than {@code beforeSeq}, newest first (messages_timeline_idx). */
    @Query(value = """
                    select * from messages where channel_id = ?1 and parent_id is null and seq < ?2
                    order by seq desc limit ?3""", nativeQuery = true)
    List<Message> timeline(UUID channelId, long beforeSeq, int limit);

    /** Replies of a thread after {@code afterSeq}, oldest first (messages_replies_idx). */
    @Query(value = "select * from messages where parent_id = ?1 and seq > ?2 order by seq limit ?3", nativeQuery = true)
    List<Message> replies(UUID rootId, long afterSeq, int limit);

    /** Pinned messages, most recently pinned first, after the cursor (messages_pins_idx). */
    @Query(value = """
                    select * from messages where channel_id = ?1 and is_pinned and (pinned_at, id) < (?2, ?3)
                    order by pinned_at desc, id desc limit ?4""", nativeQuery = true)
    List<Message> pins(UUID channelId, Instant beforePinnedAt, UUID beforeId, int limit);

    boolean existsBySystemEventId(UUID systemEventId);

    Optional<Message> findByUserIdAndClientMessageId(UUID userId, UUID clientMessageId);
}
