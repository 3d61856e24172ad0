package dev.connectnow.channel.directory;

import dev.connectnow.events.channel.ChannelEvents.ChannelType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * A channel of a workspace. {@code lastMessageSeq}/{@code lastMessageAt} are mapped read-only: only the
 * message consumer moves them, with a conditional SQL update, so that saving this entity for an unrelated
 * change can never write back a stale value (and message traffic does not bump {@code version}).
 */
@Entity
@Table(name = "channels")
public class Channel {

    /** The default channel every workspace gets; it cannot be deleted, renamed, archived or made private. */
    public static final String GENERAL = "general";

    @Id
    private UUID id;

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
        this.id = id;
        this.workspaceId = workspaceId;
        this.name = name;
        this.description = description;
        this.topic = topic;
        this.type = type;
        this.privateChannel = privateChannel;
        this.position = position;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public boolean isGeneral() {
        return GENERAL.equals(name);
    }

    public UUID getId() {
        return id;
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

    void rename(String newName, Instant now) {
        this.name = newName;
        this.updatedAt = now;
    }

    void describe(String newDescription, Instant now) {
        this.description = newDescription;
        this.updatedAt = now;
    }

    void changeTopic(String newTopic, Instant now) {
        this.topic = newTopic;
        this.updatedAt = now;
    }

    void changePrivacy(boolean makePrivate, Instant now) {
        this.privateChannel = makePrivate;
        this.updatedAt = now;
    }

    void archive(boolean archive, Instant now) {
        this.archived = archive;
        this.updatedAt = now;
    }

    void moveTo(int newPosition, Instant now) {
        this.position = newPosition;
        this.updatedAt = now;
    }
}
