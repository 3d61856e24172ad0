package dev.connectnow.message.consumer;

import dev.connectnow.chassis.consumer.EventDispatcher;
import dev.connectnow.chassis.consumer.EventHandlers;
import dev.connectnow.chassis.outbox.EventJson.ReceivedEvent;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;

/**
 * Applies {@code connectnow.channel} to the channel projection (authorization reads it on every request, so a
 * removal takes effect as soon as its event is applied) and writes the SYSTEM message each change tells: one
 * transaction per event with its de-duplication record. One channel's events share a partition, so they
 * arrive in order; comparing with the projection tells what changed.
 */
@Component
public class ChannelEventHandler {

    /** The de-duplication scope; never rename it (events seen under it would be applied again). */
    static final String CONSUMER = "message-service.channel";

    private static final String[] CHANNEL_IDS = {"channelId", "workspaceId"};
    private static final String[] MEMBER_FIELDS = {"channelId", "workspaceId", "userId", "role"};

    private final ChannelDirectory channels;
    private final SystemMessages systemMessages;
    private final Clock clock;
    private final EventHandlers handlers;

    public ChannelEventHandler(
            EventDispatcher dispatcher, ChannelDirectory channels, SystemMessages systemMessages, Clock clock) {
        this.channels = channels;
        this.systemMessages = systemMessages;
        this.clock = clock;
        this.handlers = dispatcher
                .deduplicatedAs(CONSUMER)
                .on(ChannelEvents.CREATED, channel -> channels.upsert(channel, now()), CHANNEL_IDS)
                .onEnvelope(ChannelEvents.UPDATED, this::updated, CHANNEL_IDS)
                .onEnvelope(ChannelEvents.ARCHIVED, (channel, event) -> archived(channel, true, event), CHANNEL_IDS)
                .onEnvelope(ChannelEvents.UNARCHIVED, (channel, event) -> archived(channel, false, event), CHANNEL_IDS)
                .on(ChannelEvents.DELETED, this::deleted, CHANNEL_IDS)
                .onEnvelope(ChannelEvents.MEMBER_ADDED, this::member, MEMBER_FIELDS)
                .onEnvelope(ChannelEvents.MEMBER_UPDATED, this::member, MEMBER_FIELDS)
                .onEnvelope(ChannelEvents.MEMBER_REMOVED, this::left, "channelId", "workspaceId", "userId");
    }

    public void handle(ConsumerRecord<String, String> record) {
        handlers.handle(record);
    }

    private void updated(ChannelChanged channel, ReceivedEvent event) {
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
            systemMessages.write(channel.channelId(), null, "Channel " + String.join("; ", changes), event.id());
        }
    }

    private void archived(ChannelChanged channel, boolean archive, ReceivedEvent event) {
        Optional<ChannelState> before = channels.findIncludingDeleted(channel.channelId());
        channels.upsert(channel, now());
        if (before.isEmpty() || before.get().isArchived() != archive) {
            systemMessages.write(
                    channel.channelId(),
                    null,
                    archive ? "The channel was archived" : "The channel was unarchived",
                    event.id());
        }
    }

    private void deleted(ChannelDeleted channel) {
        channels.markDeleted(channel.channelId(), channel.workspaceId(), now());
    }

    /** {@code channel.member.added|updated}: the membership with its role; a new member is announced. */
    private void member(ChannelMemberChanged member, ReceivedEvent event) {
        if (channels.isDeleted(member.channelId())) {
            return;
        }
        channels.ensureKnown(member.channelId(), member.workspaceId(), member.isPrivate(), now());
        if (channels.putMember(member.channelId(), member.userId(), member.role())) {
            systemMessages.write(member.channelId(), member.userId(), "joined the channel", event.id());
        }
    }

    private void left(ChannelMemberChanged member, ReceivedEvent event) {
        if (channels.removeMember(member.channelId(), member.userId())) {
            systemMessages.write(member.channelId(), member.userId(), "left the channel", event.id());
        }
    }

    private Instant now() {
        return clock.instant();
    }
}
