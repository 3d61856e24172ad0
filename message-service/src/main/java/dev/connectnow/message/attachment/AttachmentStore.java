package dev.connectnow.message.attachment;

import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of attachment metadata; every lookup is served by the primary key or an index of V1. */
@Repository
public class AttachmentStore {

    private static final String COLUMNS = """
            id, uploader_id, file_name, file_url, file_size, mime_type, thumbnail_url, width, height, storage_key,
            thumbnail_key, message_id, direct_message_id, conversation_id, deleted_at, created_at""";

    private final JdbcTemplate jdbc;

    public AttachmentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AttachmentRecord a) {
        jdbc.update(
                """
                insert into attachments (id, uploader_id, file_name, file_url, file_size, mime_type, thumbnail_url,
                    width, height, storage_key, thumbnail_key, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                a.id(),
                a.uploaderId(),
                a.fileName(),
                a.fileUrl(),
                a.fileSize(),
                a.mimeType(),
                a.thumbnailUrl(),
                a.width(),
                a.height(),
                a.storageKey(),
                a.thumbnailKey(),
                Timestamp.from(a.createdAt()));
    }

    public Optional<AttachmentRecord> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from attachments where id = ?", AttachmentStore::record, id).stream()
                .findFirst();
    }

    /**
     * The rows, locked until the transaction ends (in id order, so two transactions locking overlapping sets
     * cannot deadlock); ids that do not exist are missing from the result.
     */
    public List<AttachmentRecord> lock(Collection<UUID> ids) {
        return jdbc.query(
                "select " + COLUMNS + " from attachments where id = any(?) order by id for update",
                AttachmentStore::record,
                (Object) ids.toArray(UUID[]::new));
    }

    /** Attaches the files to a message, in the given order. */
    public void attachToMessage(UUID messageId, List<UUID> ids) {
        for (int i = 0; i < ids.size(); i++) {
            jdbc.update("update attachments set message_id = ?, position = ? where id = ?", messageId, i, ids.get(i));
        }
    }

    public void claimForDirectMessage(Collection<UUID> ids, UUID directMessageId, UUID conversationId) {
        jdbc.update(
                "update attachments set direct_message_id = ?, conversation_id = ? where id = any(?)",
                directMessageId,
                conversationId,
                ids.toArray(UUID[]::new));
    }

    /** The live attachments of each message, in their order: one query for a whole page (attachments_message_idx). */
    public Map<UUID, List<AttachmentPayload>> ofMessages(Collection<UUID> messageIds) {
        Map<UUID, List<AttachmentPayload>> byMessage = new LinkedHashMap<>();
        if (messageIds.isEmpty()) {
            return byMessage;
        }
        jdbc.query(
                "select " + COLUMNS + " from attachments where message_id = any(?) and deleted_at is null "
                        + "order by message_id, position",
                rs -> {
                    AttachmentRecord a = record(rs, 0);
                    byMessage
                            .computeIfAbsent(a.messageId(), id -> new ArrayList<>())
                            .add(a.payload());
                },
                (Object) messageIds.toArray(UUID[]::new));
        return byMessage;
    }

    /** The bytes of a deleted message's files go (the janitor removes them). */
    public void markDeletedOfMessage(UUID messageId, Instant at) {
        jdbc.update(
                "update attachments set deleted_at = ? where message_id = ? and deleted_at is null",
                Timestamp.from(at),
                messageId);
    }

    public void markDeletedOfDirectMessage(UUID directMessageId, Instant at) {
        jdbc.update(
                "update attachments set deleted_at = ? where direct_message_id = ? and deleted_at is null",
                Timestamp.from(at),
                directMessageId);
    }

    /** Where a channel attachment was posted: its message's channel, and whether that message is deleted. */
    public record PostedIn(UUID channelId, boolean messageDeleted) {}

    public Optional<PostedIn> postedIn(UUID messageId) {
        return jdbc
                .query(
                        "select channel_id, is_deleted from messages where id = ?",
                        (rs, i) -> new PostedIn(rs.getObject(1, UUID.class), rs.getBoolean(2)),
                        messageId)
                .stream()
                .findFirst();
    }

    // ----- janitor -----

    /**
     * Marks up to {@code batch} files older than the cutoff that no message confirmed (never attached, or
     * claimed for a direct message that never arrived) as deleted; skips rows a post or claim holds.
     */
    public int expireUnconfirmed(Instant cutoff, Instant now, int batch) {
        return jdbc.update("""
                update attachments set deleted_at = ? where id in (
                    select id from attachments
                    where message_id is null and not dm_confirmed and deleted_at is null and created_at < ?
                    order by created_at limit ? for update skip locked)""", Timestamp.from(now), Timestamp.from(cutoff), batch);
    }

    /** {@code dm.message.created}: the direct message claiming these files exists. */
    public void confirmDirectMessage(UUID directMessageId) {
        jdbc.update(
                "update attachments set dm_confirmed = true where direct_message_id = ? and not dm_confirmed",
                directMessageId);
    }

    /** Up to {@code batch} deleted rows whose bytes must still be removed (attachments_deleted_idx). */
    public List<AttachmentRecord> deletedBatch(int batch) {
        return jdbc.query(
                "select " + COLUMNS + " from attachments where deleted_at is not null order by deleted_at limit ?",
                AttachmentStore::record,
                batch);
    }

    public void remove(UUID id) {
        jdbc.update("delete from attachments where id = ? and deleted_at is not null", id);
    }

    private static AttachmentRecord record(ResultSet rs, int row) throws SQLException {
        Timestamp deletedAt = rs.getTimestamp("deleted_at");
        return new AttachmentRecord(
                rs.getObject("id", UUID.class),
                rs.getObject("uploader_id", UUID.class),
                rs.getString("file_name"),
                rs.getString("file_url"),
                rs.getLong("file_size"),
                rs.getString("mime_type"),
                rs.getString("thumbnail_url"),
                (Integer) rs.getObject("width"),
                (Integer) rs.getObject("height"),
                rs.getString("storage_key"),
                rs.getString("thumbnail_key"),
                rs.getObject("message_id", UUID.class),
                rs.getObject("direct_message_id", UUID.class),
                rs.getObject("conversation_id", UUID.class),
                deletedAt == null ? null : deletedAt.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
