package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.access.Verdict;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.dm.conversation.ConversationPermissions.Action;
import dev.connectnow.dm.user.UserDirectory;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Loads what a permission decision needs (the conversation, the message, who is banned) and enforces
 * {@link ConversationPermissions}: a conversation or message the caller does not take part in is a 404.
 */
@Component
public class ConversationAccess {

    private final ConversationStore conversations;
    private final DirectMessageRepository messages;
    private final UserDirectory users;

    public ConversationAccess(ConversationStore conversations, DirectMessageRepository messages, UserDirectory users) {
        this.conversations = conversations;
        this.messages = messages;
        this.users = users;
    }

    /** The conversation if the caller may perform {@code action} on it; else 404/403. */
    public Conversation require(Action action, UUID conversationId, UUID userId) {
        Conversation conversation = conversations.find(conversationId).orElseThrow(ConversationAccess::notFound);
        decide(action, conversation, userId, false).orThrow();
        return conversation;
    }

    /**
     * As {@link #require}, holding the conversation's row lock until the transaction ends: the decision and
     * the write it allows see the same state, and the conversation's sends take turns.
     */
    public Conversation requireLocked(Action action, UUID conversationId, UUID userId) {
        Conversation conversation = conversations.findLocked(conversationId).orElseThrow(ConversationAccess::notFound);
        decide(action, conversation, userId, false).orThrow();
        return conversation;
    }

    /** A message and its conversation. */
    public record MessageContext(DirectMessage message, Conversation conversation) {}

    /**
     * The message, locked until the transaction ends, if the caller may perform {@code action} on it; a
     * message of someone else's conversation is a 404 like a missing one.
     */
    public MessageContext requireMessage(Action action, UUID messageId, UUID userId) {
        return require(action, messages.findLocked(messageId), userId);
    }

    /** The message if the caller takes part in its conversation (no lock: for reading). */
    public DirectMessage requireMessageReadable(UUID messageId, UUID userId) {
        return require(Action.VIEW, messages.findById(messageId), userId).message();
    }

    private MessageContext require(Action action, Optional<DirectMessage> found, UUID userId) {
        DirectMessage message = found.orElseThrow(ConversationAccess::notFound);
        Conversation conversation =
                conversations.find(message.getConversationId()).orElseThrow(ConversationAccess::notFound);
        decide(action, conversation, userId, message.getSenderId().equals(userId))
                .orThrow();
        return new MessageContext(message, conversation);
    }

    private Verdict decide(Action action, Conversation conversation, UUID userId, boolean isSender) {
        boolean participant = conversation.isParticipant(userId);
        Set<UUID> banned = !participant || action == Action.VIEW
                ? Set.of()
                : users.bannedAmong(conversation.participants().asList());
        return ConversationPermissions.decide(
                action,
                participant,
                isSender,
                banned.contains(userId),
                participant && banned.contains(conversation.otherParticipant(userId)));
    }

    private static ApiException notFound() {
        return ApiException.notFound(Verdict.NOT_FOUND_DETAIL);
    }
}
