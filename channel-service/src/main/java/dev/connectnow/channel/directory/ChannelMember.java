package dev.connectnow.channel.directory;

import dev.connectnow.chassis.data.PreassignedIdEntity;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.channel.ChannelEvents.ChannelRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's membership of a channel, with their read position. The read position is written at insert
 * (a new member starts "caught up") and afterwards only by a conditional SQL update that never moves it
 * backwards, so these fields are not updatable through the entity.
 */
@Entity
@Table(name = "channel_members")
public class ChannelMember extends PreassignedIdEntity {

    @Column(name = "channel_id", nullable = false, updatable = false)
    private UUID channelId;

    @Column(name = "workspace_id", nullable = false, updatable = false)
    private UUID workspaceId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private ChannelRole role;

    @Column(name = "is_muted", nullable = false)
    private boolean muted;

    @Column(name = "last_read_at", updatable = false)
    private Instant lastReadAt;

    @Column(name = "last_read_message_id", updatable = false)
    private UUID lastReadMessageId;

    @Column(name = "last_read_seq", nullable = false, updatable = false)
    private long lastReadSeq;

    @Column(name = "joined_at", nullable = false, updatable = false)
    private Instant joinedAt;

    protected ChannelMember() {}

    public ChannelMember(
            UUID id, UUID channelId, UUID workspaceId, UUID userId, ChannelRole role, long caughtUpToSeq, Instant now) {
        super(id);
        this.channelId = channelId;
        this.workspaceId = workspaceId;
        this.userId = userId;
        this.role = role;
        this.lastReadSeq = caughtUpToSeq;
        this.joinedAt = now;
    }

    public UUID getChannelId() {
        return channelId;
    }

    public UUID getWorkspaceId() {
        return workspaceId;
    }

    public UUID getUserId() {
        return userId;
    }

    public ChannelRole getRole() {
        return role;
    }

    public boolean isMuted() {
        return muted;
    }

    public Instant getLastReadAt() {
        return lastReadAt;
    }

    public UUID getLastReadMessageId() {
        return lastReadMessageId;
    }

    public long getLastReadSeq() {
        return lastReadSeq;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    /** Returns whether anything changed. */
    public boolean mute(boolean mute) {
        if (muted == mute) {
            return false;
        }
        muted = mute;
        return true;
    }

    /** Promotes to ADMIN or demotes to MEMBER; returns whether anything changed. The OWNER's role is fixed. */
    public boolean changeRole(ChannelRole newRole) {
        if (role == ChannelRole.OWNER) {
            throw ApiException.conflict("The channel owner's role cannot be changed");
        }
        if (role == newRole) {
            return false;
        }
        role = newRole;
        return true;
    }
}
