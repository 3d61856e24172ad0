package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.dm.conversation.ConversationPermissions.Action;
import dev.connectnow.dm.ratelimit.SendLimits;
import dev.connectnow.dm.user.UserDirectory;
import dev.connectnow.dm.user.UserDirectory.UserState;
import dev.connectnow.events.UuidV7;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Conversations: find-or-create, the caller's list, one conversation. */
@Service
public class ConversationService {

    private final ConversationStore conversations;
    private final ConversationAccess access;
    private final ConversationQueries queries;
    private final UserDirectory users;
    private final SendLimits limits;
    private final ConversationEventPublisher events;
    private final Clock clock;

    public ConversationService(
            ConversationStore conversations,
            ConversationAccess access,
            ConversationQueries queries,
            UserDirectory users,
            SendLimits limits,
            ConversationEventPublisher events,
            Clock clock) {
        this.conversations = conversations;
        this.access = access;
        this.queries = queries;
        this.users = users;
        this.limits = limits;
        this.events = events;
        this.clock = clock;
    }

    /** The conversation and whether this call created it (201) or found it (200). */
    record FindOrCreate(ConversationView conversation, boolean created) {}

    /**
     * The conversation of the caller and {@code userId}, whoever of them started it. Finding an existing one
     * is reading it; creating one needs a known, non-banned recipient and a non-banned caller. Race-free: the
     * pair is unique, so concurrent calls in both directions make one row and exactly one of them creates it.
     */
    @Transactional
    FindOrCreate findOrCreate(UUID me, UUID userId) {
        if (me.equals(userId)) {
            throw ApiException.invalidField("userId", "must be another user: a conversation has two participants");
        }
        Participants pair = Participants.of(me, userId);
        Optional<Conversation> existing = conversations.findByPair(pair);
        if (existing.isPresent()) {
            return new FindOrCreate(queries.view(existing.get(), me), false);
        }
        UserState recipient = users.stateOf(userId);
        ConversationPermissions.start(recipient.exists(), users.stateOf(me).banned(), recipient.banned())
                .orThrow("No such user");
        limits.acquireConversation(me);
        boolean created = conversations.insertIfAbsent(UuidV7.next(), pair, clock.instant());
        Conversation conversation = conversations.findByPair(pair).orElseThrow();
        if (created) {
            events.conversationCreated(conversation);
        }
        return new FindOrCreate(queries.view(conversation, me), created);
    }

    @Transactional(readOnly = true)
    Page<ConversationView> mine(UUID me, Integer limit, String cursor) {
        return queries.mine(me, PageRequest.of(limit, cursor, 2));
    }

    @Transactional(readOnly = true)
    ConversationView get(UUID me, UUID conversationId) {
        return queries.view(access.require(Action.VIEW, conversationId, me), me);
    }
}
