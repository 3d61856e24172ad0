package dev.connectnow.message.channel;

import dev.connectnow.chassis.web.ApiException;
import java.util.UUID;

/**
 * A channel as message-service knows it from channel events. An archived channel is read-only: it takes no
 * new messages, replies, edits, deletions, pins or reactions until it is unarchived (only the service's own
 * SYSTEM messages still land, e.g. "archived the channel").
 */
public record ChannelState(
        UUID id, UUID workspaceId, String name, String topic, boolean isPrivate, boolean isArchived) {

    public void requireWritable() {
        if (isArchived) {
            throw ApiException.conflict("The channel is archived; it takes no new messages or changes");
        }
    }
}
