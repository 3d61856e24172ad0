package dev.connectnow.message.post;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.MessageType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A channel message or thread reply, and the rules of its life: edits need the current {@code version}
 * (which each edit and the deletion raise; pins, reactions and replies do not), a deleted message keeps its
 * place (seq, thread) but loses its content, pin and mentions for good, and a SYSTEM message has no author.
 */
@Entity
@Table(name = "messages")
public class Message extends PreassignedIdEntity {

    /** Longest message, in code points (PostgreSQL's varchar counts the same way). */
    public static final int MAX_CONTENT = 4000;

    @Column(name = "channel_id", nullable = false, updatable = false)
    private UUID channelId;

    @Column(name = "user_id", updatable = false)
    private UUID userId;

    @Column(length = 4000)
    private String content;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 6, updatable = false)
    private MessageType type;

    @Column(name = "parent_id", updatable = false)
    private UUID parentId;

    @Column(nullable = false, updatable = false)
    private long seq;

    @Column(name = "reply_count", nullable = false)
    private int replyCount;

    @Column(name = "is_edited", nullable = false)
    private boolean edited;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "is_deleted", nullable = false)
    private boolean deleted;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "is_pinned", nullable = false)
    private boolean pinned;

    @Column(name = "pinned_at")
    private Instant pinnedAt;

    @Column(nullable = false)
    private long version;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "mentioned_user_ids", nullable = false, columnDefinition = "uuid[]")
    private UUID[] mentionedUserIds;

    @Column(name = "system_event_id", updatable = false)
    private UUID systemEventId;

    /** The author's own id for the post, so that a repeated post finds this message (null when none was sent). */
    @Column(name = "client_message_id", updatable = false)
    private UUID clientMessageId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Message() {}

    private Message(
            UUID id,
            UUID channelId,
            UUID userId,
            String content,
            MessageType type,
            UUID parentId,
            long seq,
            List<UUID> mentionedUserIds,
            UUID systemEventId,
            Instant now) {
        super(id);
        this.channelId = channelId;
        this.userId = userId;
        this.content = content;
        this.type = type;
        this.parentId = parentId;
        this.seq = seq;
        this.version = 1;
        this.mentionedUserIds = mentionedUserIds.toArray(UUID[]::new);
        this.systemEventId = systemEventId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A message a user posted; {@code threadRootId} is null for a top-level message, {@code clientMessageId} is null
     * when the client sent none.
     */
    public static Message posted(
            UUID id,
            UUID channelId,
            UUID authorId,
            UUID clientMessageId,
            String content,
            MessageType type,
            UUID threadRootId,
            long seq,
            List<UUID> mentionedUserIds,
            Instant now) {
        if (type == MessageType.SYSTEM) {
            throw new IllegalArgumentException("users never post SYSTEM messages");
        }
        Message message =
                new Message(id, channelId, authorId, content, type, threadRootId, seq, mentionedUserIds, null, now);
        message.clientMessageId = clientMessageId;
        return message;
    }

    /** A message the service writes itself about a channel event; {@code aboutUserId} may be null. */
    public static Message system(
            UUID id, UUID channelId, UUID aboutUserId, String content, long seq, UUID eventId, Instant now) {
        return new Message(id, channelId, aboutUserId, content, MessageType.SYSTEM, null, seq, List.of(), eventId, now);
    }

    /** Whether {@code userId} wrote this message (nobody wrote a SYSTEM message). */
    public boolean isAuthoredBy(UUID callerId) {
        return type != MessageType.SYSTEM && callerId.equals(userId);
    }

    public boolean isTopLevel() {
        return parentId == null;
    }

    /** A thread can be started on (or continued below) this message. */
    public void requireThreadRoot() {
        if (type == MessageType.SYSTEM) {
            throw ApiException.invalidField("parentId", "SYSTEM messages have no threads");
        }
        requireNotDeleted("reply to");
    }

    /** Whether an edit made at {@code expectedVersion} would overwrite nothing it has not seen. */
    public boolean isAtVersion(long expectedVersion) {
        return version == expectedVersion;
    }

    /** Replaces the content; returns false (and changes nothing) if it is the same. */
    public boolean edit(String newContent, List<UUID> newMentions, Instant now) {
        requireNotDeleted("edit");
        if (newContent.equals(content)) {
            return false;
        }
        this.content = newContent;
        this.mentionedUserIds = newMentions.toArray(UUID[]::new);
        this.edited = true;
        this.editedAt = now;
        this.version++;
        this.updatedAt = now;
        return true;
    }

    /** Soft delete: the message keeps its seq and thread, loses content, pin and mentions. */
    public void delete(Instant now) {
        this.content = null;
        this.mentionedUserIds = new UUID[0];
        this.deleted = true;
        this.deletedAt = now;
        this.pinned = false;
        this.pinnedAt = null;
        this.version++;
        this.updatedAt = now;
    }

    /** Returns whether anything changed (pinning a pinned message is a no-op). */
    public boolean pin(Instant now) {
        requireNotDeleted("pin");
        if (pinned) {
            return false;
        }
        this.pinned = true;
        this.pinnedAt = now;
        this.updatedAt = now;
        return true;
    }

    /** Returns whether anything changed. */
    public boolean unpin(Instant now) {
        if (!pinned) {
            return false;
        }
        this.pinned = false;
        this.pinnedAt = null;
        this.updatedAt = now;
        return true;
    }

    public void requireNotDeleted(String action) {
        if (deleted) {
            throw ApiException.conflict("The message was deleted; you cannot " + action + " it");
        }
    }

    void replyAdded() {
        replyCount++;
    }

    void replyRemoved() {
        replyCount = Math.max(0, replyCount - 1);
    }

    public UUID getChannelId() {
        return channelId;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getContent() {
        return content;
    }

    public MessageType getType() {
        return type;
    }

    public UUID getParentId() {
        return parentId;
    }

    public long getSeq() {
        return seq;
    }

    public int getReplyCount() {
        return replyCount;
    }

    public boolean isEdited() {
        return edited;
    }

    public Instant getEditedAt() {
        return editedAt;
    }

    public boolean isDeleted() {
        return deleted;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public boolean isPinned() {
        return pinned;
    }

    public Instant getPinnedAt() {
        return pinnedAt;
    }

    public long getVersion() {
        return version;
    }

    public List<UUID> getMentionedUserIds() {
        return List.of(mentionedUserIds);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
