package dev.connectnow.events.message;

import dev.connectnow.events.EventType;
import dev.connectnow.events.Topics;

import java.time.Instant;
import java.util.UUID;

/**
 * Events of the message context (message-service), keyed by channel id on {@value Topics#MESSAGE} so one
 * channel's events stay in order. The envelope's {@code sequence} is the message's per-channel {@code seq}.
 * Only the fields other contexts rely on are fixed here; message-service adds the rest of the message
 * resource when it lands, and consumers ignore fields they do not know.
 */
public final class MessageEvents {

    public static final EventType<MessageCreated> CREATED =
            EventType.define("message.created", Topics.MESSAGE, MessageCreated.class);
    public static final EventType<MessageDeleted> DELETED =
            EventType.define("message.deleted", Topics.MESSAGE, MessageDeleted.class);

    public record MessageCreated(UUID messageId, UUID channelId, UUID userId, UUID parentId, long seq,
                                 String content, String type, Instant createdAt) {
    }

    public record MessageDeleted(UUID messageId, UUID channelId, UUID parentId, long seq, Instant deletedAt) {
    }

    private MessageEvents() {
    }
}
