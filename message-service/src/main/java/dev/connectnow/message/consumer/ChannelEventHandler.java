package dev.connectnow.message.consumer;

import dev.connectnow.chassis.consumer.ProcessedEvents;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
import dev.connectnow.chassis.outbox.MalformedEventException;
import dev.connectnow.events.channel.ChannelEvents;
import dev.connectnow.events.channel.ChannelEvents.ChannelChanged;
import dev.connectnow.events.channel.ChannelEvents.ChannelDeleted;
import dev.connectnow.events.channel.ChannelEvents.ChannelMemberChanged;
import dev.connectnow.message.channel.ChannelDirectory;
import dev.connectnow.message.channel.ChannelState;
import dev.connectnow.message.system.SystemMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code connectnow.channel} to the channel projection (authorization reads it on every request, so a
 * removal takes effect as soon as its event is applied) and writes the SYSTEM message each change tells: one
 * transaction per event with its de-duplication record. One channel's events share a partition, so they
 * arrive in order; comparing with the projection tells what changed.
 */
@Service
public class ChannelEventHandler {

    static final String CONSUMER = "message-service.channel";

    private final ProcessedEvents processed;
    private final ChannelDirectory channels;
    private final SystemMessages systemMessages;
    private final Clock clock;

    public ChannelEventHandler(
            ProcessedEvents processed, ChannelDirectory channels, SystemMessages systemMessages, Clock clock) {
        this.processed = processed;
        this.channels = channels;
        this.systemMessages = systemMessages;
        this.clock = clock;
    }

    @Transactional
    public void handle(ReceivedEvent event) {
        if (!processed.firstTime(CONSUMER, event.id())) {
            return;
        }
        if (event.is(ChannelEvents.CREATED)) {
            channels.upsert(require(event.data(ChannelEvents.CREATED)), now());
        } else if (event.is(ChannelEvents.UPDATED)) {
            updated(event.id(), require(event.data(ChannelEvents.UPDATED)));
        } else if (event.is(ChannelEvents.ARCHIVED) || event.is(ChannelEvents.UNARCHIVED)) {
            boolean archive = event.is(ChannelEvents.ARCHIVED);
            ChannelChanged channel = require(event.data(archive ? ChannelEvents.ARCHIVED : ChannelEvents.UNARCHIVED));
            Optional<ChannelState> before = channels.findIncludingDeleted(channel.channelId());
            channels.upsert(channel, now());
            if (before.isEmpty() || before.get().isArchived() != archive) {
                systemMessages.write(
                        channel.channelId(),
                        null,
                        archive ? "The channel was archived" : "The channel was unarchived",
                        event.id());
            }
        } else if (event.is(ChannelEvents.DELETED)) {
            ChannelDeleted deleted = event.data(ChannelEvents.DELETED);
            if (deleted.channelId() == null || deleted.workspaceId() == null) {
                throw new MalformedEventException("channel.deleted lacks its ids");
            }
            channels.markDeleted(deleted.channelId(), deleted.workspaceId(), now());
        } else if (event.is(ChannelEvents.MEMBER_ADDED) || event.is(ChannelEvents.MEMBER_UPDATED)) {
            ChannelMemberChanged member = requireMember(event.data(
                    event.is(ChannelEvents.MEMBER_ADDED) ? ChannelEvents.MEMBER_ADDED : ChannelEvents.MEMBER_UPDATED));
            if (channels.isDeleted(member.channelId())) {
                return;
            }
            channels.ensureKnown(member.channelId(), member.workspaceId(), member.isPrivate(), now());
            boolean joined = channels.putMember(member.channelId(), member.userId(), member.role());
            if (joined) {
                systemMessages.write(member.channelId(), member.userId(), "joined the channel", event.id());
            }
        } else if (event.is(ChannelEvents.MEMBER_REMOVED)) {
            ChannelMemberChanged member = requireMember(event.data(ChannelEvents.MEMBER_REMOVED));
            if (channels.removeMember(member.channelId(), member.userId())) {
                systemMessages.write(member.channelId(), member.userId(), "left the channel", event.id());
            }
        }
        // types added later are acknowledged and ignored
    }

    private void updated(UUID eventId, ChannelChanged channel) {
        Optional<ChannelState> before = channels.findIncludingDeleted(channel.channelId());
        channels.upsert(channel, now());
        if (before.isEmpty()) {
            return;
        }
        List<String> changes = new ArrayList<>();
        if (before.get().name() != null && !Objects.equals(before.get().name(), channel.name())) {
            changes.add("renamed to #" + channel.name());
        }
        if (!Objects.equals(before.get().topic(), channel.topic())) {
            changes.add(channel.topic() == null ? "topic cleared" : "topic set to: " + channel.topic());
        }
        if (!changes.isEmpty()) {
            // one event, one SYSTEM message (the event id is unique among them)
            systemMessages.write(channel.channelId(), null, "Channel " + String.join("; ", changes), eventId);
        }
    }

    private Instant now() {
        return Instant.now(clock);
    }

    private static ChannelChanged require(ChannelChanged c) {
        if (c.channelId() == null || c.workspaceId() == null) {
            throw new MalformedEventException("channel event lacks its ids");
        }
        return c;
    }

    private static ChannelMemberChanged requireMember(ChannelMemberChanged m) {
        if (m.channelId() == null || m.workspaceId() == null || m.userId() == null || m.role() == null) {
            throw new MalformedEventException("channel member event lacks required fields");
        }
        return m;
    }
}
