package dev.connectnow.channel.readstate;

import java.time.Instant;
import java.util.UUID;

/**
 * What read state needs of a {@code message.created} event; {@code authorId} is null for system messages,
 * {@code reply} tells a thread reply from a message of the channel's timeline.
 */
record PostedMessage(UUID messageId, UUID channelId, long seq, UUID authorId, Instant createdAt, boolean reply) {

    /** Of two messages of one channel, the one read state ends at (the higher seq). */
    static PostedMessage later(PostedMessage a, PostedMessage b) {
        return b.seq() > a.seq() ? b : a;
    }
}
