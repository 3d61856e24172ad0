package dev.connectnow.channel.directory;

import dev.connectnow.chassis.outbox.OutboxPublisher;
import dev.connectnow.events.EventType;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelDeleted;
import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Turns channel state changes into outbox events on connectnow.channel, keyed by channel id (one partition
 * per channel keeps its events in commit order). Called inside the transaction that made the change.
 */
@Component
public class ChannelEventPublisher {

    private final OutboxPublisher outbox;
    private final Clock clock;

    ChannelEventPublisher(OutboxPublisher outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** created, updated, archived, unarchived: the channel as it now is. */
    void channel(EventType<ChannelChanged> type, Channel c) {
        outbox.publish(
                type,
                c.getId(),
                new ChannelChanged(
                        c.getId(),
                        c.getWorkspaceId(),
                        c.getName(),
                        c.getDescription(),
                        c.getTopic(),
                        c.getType(),
                        c.isPrivate(),
                        c.isArchived(),
                        c.getPosition(),
                        c.getCreatedBy(),
                        c.getCreatedAt(),
                        c.getUpdatedAt()));
    }

    void deleted(Channel c) {
        outbox.publish(
                ChannelEvents.DELETED,
                c.getId(),
                new ChannelDeleted(c.getId(), c.getWorkspaceId(), c.getName(), c.isPrivate(), clock.instant()));
    }

    /** member.added, member.updated, member.removed: the membership as it now is (or was, when removed). */
    public void member(EventType<ChannelMemberChanged> type, Channel c, ChannelMember m) {
        outbox.publish(
                type,
                c.getId(),
                new ChannelMemberChanged(
                        c.getId(),
                        c.getWorkspaceId(),
                        m.getUserId(),
                        m.getRole(),
                        m.isMuted(),
                        c.isPrivate(),
                        m.getJoinedAt(),
                        clock.instant()));
    }
}
