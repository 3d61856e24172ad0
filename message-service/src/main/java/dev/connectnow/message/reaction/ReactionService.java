package dev.connectnow.message.reaction;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.message.access.MessageAccess;
import dev.connectnow.message.access.MessageAccess.ChannelContext;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import dev.connectnow.message.post.Message;
import dev.connectnow.message.post.MessageEventPublisher;
import dev.connectnow.message.post.MessageRepository;
import dev.connectnow.message.reaction.ReactionStore.ReactionSummary;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adding and removing reactions, both idempotent: only a real change writes and publishes. The message row is
 * locked while reacting so that concurrent reactions to one message publish exact counts in order.
 */
@Service
public class ReactionService {

    private final MessageRepository messages;
    private final MessageAccess access;
    private final ReactionStore reactions;
    private final MessageEventPublisher events;
    private final Clock clock;

    public ReactionService(
            MessageRepository messages,
            MessageAccess access,
            ReactionStore reactions,
            MessageEventPublisher events,
            Clock clock) {
        this.messages = messages;
        this.access = access;
        this.reactions = reactions;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public ReactionSummary add(UUID me, UUID messageId, String rawEmoji) {
        return change(me, messageId, rawEmoji, true);
    }

    @Transactional
    public void remove(UUID me, UUID messageId, String rawEmoji) {
        change(me, messageId, rawEmoji, false);
    }

    private ReactionSummary change(UUID me, UUID messageId, String rawEmoji, boolean add) {
        Message message = messages.findForUpdate(messageId).orElseThrow(() -> ApiException.notFound("Not found"));
        ChannelContext context =
                access.require(MessageAction.REACT, message.getChannelId(), me, "react in this channel");
        String emoji = Emoji.normalize(rawEmoji);
        context.channel().requireWritable();
        message.requireNotDeleted(add ? "react to" : "remove reactions of");
        Instant now = Instant.now(clock);
        boolean changed = add ? reactions.add(messageId, emoji, me, now) : reactions.remove(messageId, emoji, me);
        long count = reactions.count(messageId, emoji);
        if (changed) {
            events.reaction(
                    add ? MessageEvents.REACTION_ADDED : MessageEvents.REACTION_REMOVED,
                    message,
                    context.channel().workspaceId(),
                    me,
                    emoji,
                    count,
                    now);
        }
        return new ReactionSummary(emoji, count, add);
    }
}
