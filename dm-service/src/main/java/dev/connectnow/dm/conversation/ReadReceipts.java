package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.dm.conversation.ConversationPermissions.Action;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read receipts. A participant's read position (a seq) only moves forward; when it moves, the other
 * participant's messages up to it become {@code isRead} with {@code readAt}, so "read" on a message and the
 * reader's unreadCount never disagree. {@code dm.message.read} announces a move.
 */
@Component
public class ReadReceipts {

    private final ConversationAccess access;
    private final ConversationStore conversations;
    private final DirectMessageRepository messages;
    private final ConversationEventPublisher events;
    private final Clock clock;

    public ReadReceipts(
            ConversationAccess access,
            ConversationStore conversations,
            DirectMessageRepository messages,
            ConversationEventPublisher events,
            Clock clock) {
        this.access = access;
        this.conversations = conversations;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The caller has read the conversation up to and including {@code messageId} (any message of it, theirs
     * or the other's). Idempotent: a message at or before the current position changes nothing and publishes
     * nothing.
     */
    @Transactional
    public void markRead(UUID me, UUID conversationId, UUID messageId) {
        Conversation conversation = access.require(Action.MARK_READ, conversationId, me);
        DirectMessage upTo = messages.findById(messageId)
                .filter(m -> m.getConversationId().equals(conversation.id()))
                .orElseThrow(() -> ApiException.notFound("No such message in this conversation"));
        Instant now = clock.instant();
        if (conversations.advanceReadPosition(conversation, me, upTo.getSeq())) {
            messages.markReadUpTo(conversation.id(), conversation.otherParticipant(me), upTo.getSeq(), now);
            events.read(conversation, me, upTo.getId(), upTo.getSeq(), now);
        }
    }

    /**
     * Sending a message reads what came before it: the sender's position has moved to their new message (see
     * {@link ConversationStore#appendMessage}), so the other participant's unread messages become read, and
     * {@code dm.message.read} tells them so — only if there were any, so a monologue publishes no receipts.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void readBySending(Conversation conversation, DirectMessage sent, Instant now) {
        UUID sender = sent.getSenderId();
        int read = messages.markReadUpTo(conversation.id(), conversation.otherParticipant(sender), sent.getSeq(), now);
        if (read > 0) {
            events.read(conversation, sender, sent.getId(), sent.getSeq(), now);
        }
    }
}
