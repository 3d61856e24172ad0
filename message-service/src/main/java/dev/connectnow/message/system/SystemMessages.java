package dev.connectnow.message.system;

import dev.connectnow.events.UuidV7;
import dev.connectnow.message.channel.ChannelDirectory;
import dev.connectnow.message.channel.ChannelDirectory.SeqGrant;
import dev.connectnow.message.post.Message;
import dev.connectnow.message.post.MessageEventPublisher;
import dev.connectnow.message.post.MessageRepository;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the SYSTEM messages that tell a channel's story (joins, leaves, renames, topic changes, archiving),
 * each once per channel event: the event id is stored with the message (unique), so a redelivery or a full
 * replay of the topic writes nothing new — and takes no seq, leaving no gap.
 */
@Component
public class SystemMessages {

    private final MessageRepository messages;
    private final ChannelDirectory channels;
    private final MessageEventPublisher events;
    private final EntityManager entityManager;
    private final Clock clock;

    public SystemMessages(
            MessageRepository messages,
            ChannelDirectory channels,
            MessageEventPublisher events,
            EntityManager entityManager,
            Clock clock) {
        this.messages = messages;
        this.channels = channels;
        this.events = events;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Writes the message unless this event already did; nothing for a deleted or unknown channel. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Message> write(UUID channelId, UUID aboutUserId, String content, UUID eventId) {
        if (messages.existsBySystemEventId(eventId)) {
            return Optional.empty();
        }
        Optional<SeqGrant> grant = channels.nextSeq(channelId);
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        Message message = Message.system(
                UuidV7.next(), channelId, aboutUserId, content, grant.get().seq(), eventId, Instant.now(clock));
        entityManager.persist(message);
        messages.flush();
        events.created(message, grant.get().channel().workspaceId(), List.of());
        return Optional.of(message);
    }
}
