package dev.connectnow.channel.directory;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A channel of a workspace, and the rules of its state: an archived channel takes no changes and no new
 * members until it is unarchived; {@code #general} cannot be deleted, renamed, archived, made private or
 * left. An empty description or topic is stored as none (null). Each change method returns whether anything
 * changed (and then stamps {@code updatedAt}).
 *
 * <p>{@code lastMessageSeq}/{@code lastMessageAt} are mapped read-only: only the message consumer moves them,
 * with a conditional SQL update, so that saving this entity for an unrelated change can never write back a
 * stale value (and message traffic does not bump {@code version}).
 */
@Entity
@Table(name = "channels")
public class Channel extends PreassignedIdEntity {

    /** The default channel every workspace gets. */
    public static final String GENERAL = "general";

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(nullable = false, length = 80)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(length = 250)
    private String topic;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8, updatable = false)
    private ChannelType type;

    @Column(name = "is_private", nullable = false)
    private boolean privateChannel;

    @Column(name = "is_archived", nullable = false)
    private boolean archived;

    @Column(nullable = false)
    private int position;

    @Column(name = "created_by", nullable = false, updatable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "last_message_at", insertable = false, updatable = false)
    private Instant lastMessageAt;

    @Column(name = "last_message_seq", insertable = false, updatable = false)
    private long lastMessageSeq;

    @Version
    private Long version;

    protected Channel() {}

    public Channel(
            UUID id,
            UUID workspaceId,
            String name,
            String description,
            String topic,
            ChannelType type,
            boolean privateChannel,
            int position,
            UUID createdBy,
            Instant now) {
        super(id);
        this.workspaceId = workspaceId;
        this.name = name;
        this.description = emptyToNull(description);
        this.topic = emptyToNull(topic);
        this.type = type;
        this.privateChannel = privateChannel;
        this.position = position;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** #general of a workspace: public, first, with every member of the workspace. */
    public static Channel general(UUID id, UUID workspaceId, UUID ownerId, Instant now) {
        return new Channel(id, workspaceId, GENERAL, null, null, ChannelType.TEXT, false, 0, ownerId, now);
    }

    public boolean isGeneral() {
        return GENERAL.equals(name);
    }

    /** Settings change only while the channel is not archived. */
    public void ensureChangeable() {
        if (archived) {
            throw ApiException.conflict("The channel is archived; unarchive it before changing it");
        }
    }

    /** Nobody joins, is added or changes role while the channel is archived. */
    public void ensureOpenToMembers() {
        if (archived) {
            throw ApiException.conflict("The channel is archived");
        }
    }

    /** Everyone in the workspace is in #general for as long as they are in the workspace. */
    public void ensureMembersMayLeave() {
        if (isGeneral()) {
            throw ApiException.conflict("Everyone in the workspace is in #general; remove them from the workspace");
        }
    }

    public void ensureDeletable() {
        if (isGeneral()) {
            throw ApiException.conflict("#general cannot be deleted");
        }
    }

    public boolean rename(String newName, Instant now) {
        if (name.equals(newName)) {
            return false;
        }
        if (isGeneral()) {
            throw ApiException.conflict("#general cannot be renamed");
        }
        name = newName;
        updatedAt = now;
        return true;
    }

    public boolean describe(String newDescription, Instant now) {
        String value = emptyToNull(newDescription);
        if (Objects.equals(description, value)) {
            return false;
        }
        description = value;
        updatedAt = now;
        return true;
    }

    public boolean changeTopic(String newTopic, Instant now) {
        String value = emptyToNull(newTopic);
        if (Objects.equals(topic, value)) {
            return false;
        }
        topic = value;
        updatedAt = now;
        return true;
    }

    public boolean changePrivacy(boolean makePrivate, Instant now) {
        if (privateChannel == makePrivate) {
            return false;
        }
        if (isGeneral()) {
            throw ApiException.conflict("#general is always public");
        }
        privateChannel = makePrivate;
        updatedAt = now;
        return true;
    }

    /** Archives or unarchives; asking for the state the channel is in changes nothing. */
    public boolean archive(boolean archive, Instant now) {
        if (archived == archive) {
            return false;
        }
        if (archive && isGeneral()) {
            throw ApiException.conflict("#general cannot be archived");
        }
        archived = archive;
        updatedAt = now;
        return true;
    }

    public boolean moveTo(int newPosition, Instant now) {
        if (position == newPosition) {
            return false;
        }
        position = newPosition;
        updatedAt = now;
        return true;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public String getTopic() {
        return topic;
    }

    public ChannelType getType() {
        return type;
    }

    public boolean isPrivate() {
        return privateChannel;
    }

    public boolean isArchived() {
        return archived;
    }

    public int getPosition() {
        return position;
    }

    public UUID getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getLastMessageAt() {
        return lastMessageAt;
    }

    public long getLastMessageSeq() {
        return lastMessageSeq;
    }

    public Long getVersion() {
        return version;
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
