package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A direct message and its state rules: it says something (text or files), an edit must name the version
 * it read, a deleted message keeps neither text nor files and cannot be edited. {@code isRead}/{@code readAt}
 * are mapped read-only: the recipient's read marks move them with one conditional SQL update
 * ({@link DirectMessageRepository#markReadUpTo}) and they never change {@code version}.
 */
@Entity
@Table(name = "direct_messages")
public class DirectMessage extends PreassignedIdEntity {

    /** Longest text, in code points (also the column's varchar length). */
    public static final int MAX_CONTENT = 4000;

    @Column(name = "conversation_id", nullable = false, updatable = false)
    private UUID conversationId;

    @Column(nullable = false, updatable = false)
    private long seq;

    @Column(name = "sender_id", nullable = false, updatable = false)
    private UUID senderId;

    /** The sender's own id for the send, so that a repeated send finds this message (null when none was sent). */
    @Column(name = "client_message_id", updatable = false)
    private UUID clientMessageId;

    @Column(length = MAX_CONTENT)
    private String content;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private MessageType type;

    @Convert(converter = AttachmentListConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private List<AttachmentPayload> attachments;

    @Column(name = "is_edited", nullable = false)
    private boolean edited;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "is_deleted", nullable = false)
    private boolean deleted;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(name = "is_read", insertable = false, updatable = false)
    private boolean read;

    @Column(name = "read_at", insertable = false, updatable = false)
    private Instant readAt;

    @Column(nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected DirectMessage() {}

    /** A new message; {@code content} may be empty only with attachments. */
    public DirectMessage(
            UUID id,
            UUID conversationId,
            long seq,
            UUID senderId,
            UUID clientMessageId,
            String content,
            MessageType type,
            List<AttachmentPayload> attachments,
            Instant now) {
        super(id);
        requireText(content, attachments);
        this.conversationId = conversationId;
        this.seq = seq;
        this.senderId = senderId;
        this.clientMessageId = clientMessageId;
        this.content = content == null ? "" : content;
        this.type = type;
        this.attachments = List.copyOf(attachments);
        this.version = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What an edit did; the caller answers 409 with the current message for the last two. */
    public enum EditOutcome {
        EDITED,
        UNCHANGED,
        STALE_VERSION,
        DELETED
    }

    /**
     * Replaces the text if {@code expectedVersion} is the current version. Text may be blank only on a
     * message with attachments (as when sending).
     */
    public EditOutcome edit(String newContent, long expectedVersion, Instant now) {
        if (deleted) {
            return EditOutcome.DELETED;
        }
        if (expectedVersion != version) {
            return EditOutcome.STALE_VERSION;
        }
        if (newContent.equals(content)) {
            return EditOutcome.UNCHANGED;
        }
        requireText(newContent, attachments);
        content = newContent;
        edited = true;
        editedAt = now;
        updatedAt = now;
        version++;
        return EditOutcome.EDITED;
    }

    /** A message says something: text that is not blank, or at least one file. */
    public static void requireText(String content, List<?> attachments) {
        if ((content == null || content.isBlank()) && attachments.isEmpty()) {
            throw ApiException.invalidField("content", "must not be blank for a message without attachments");
        }
    }

    /** Soft delete: text and files are dropped for good; false if it already was deleted. */
    public boolean delete(Instant now) {
        if (deleted) {
            return false;
        }
        deleted = true;
        deletedAt = now;
        content = null;
        attachments = List.of();
        updatedAt = now;
        version++;
        return true;
    }

    public UUID getConversationId() {
        return conversationId;
    }

    public long getSeq() {
        return seq;
    }

    public UUID getSenderId() {
        return senderId;
    }

    /** Null once deleted. */
    public String getContent() {
        return content;
    }

    public MessageType getType() {
        return type;
    }

    /** Empty once deleted. */
    public List<AttachmentPayload> getAttachments() {
        return attachments;
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

    public boolean isRead() {
        return read;
    }

    public Instant getReadAt() {
        return readAt;
    }

    public long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
