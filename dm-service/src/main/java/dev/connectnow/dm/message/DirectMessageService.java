package dev.connectnow.dm.message;

import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.dm.attachment.AttachmentClaims;
import dev.connectnow.dm.attachment.PendingClaims;
import dev.connectnow.dm.conversation.Conversation;
import dev.connectnow.dm.conversation.ConversationAccess;
import dev.connectnow.dm.conversation.ConversationAccess.MessageContext;
import dev.connectnow.dm.conversation.ConversationEventPublisher;
import dev.connectnow.dm.conversation.ConversationPermissions.Action;
import dev.connectnow.dm.conversation.ConversationStore;
import dev.connectnow.dm.conversation.DirectMessage;
import dev.connectnow.dm.conversation.DirectMessageRepository;
import dev.connectnow.dm.conversation.DirectMessageTypes;
import dev.connectnow.dm.conversation.ReadReceipts;
import dev.connectnow.dm.ratelimit.SendLimits;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.dm.DmEvents;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** Direct messages: send, page, edit, delete; every change is published through the outbox. */
@Service
public class DirectMessageService {

    /** Two repeats of one send at once: the first creates the message, the other is told to repeat again. */
    static final UniqueConstraints REPEATED_SEND = UniqueConstraints.of(
            "direct_messages_sender_client_message_id_uq",
            "clientMessageId",
            "A send with this clientMessageId is in progress; repeat it to get the message");

    private final ConversationAccess access;
    private final ConversationStore conversations;
    private final DirectMessageRepository messages;
    private final ReadReceipts readReceipts;
    private final AttachmentClaims attachments;
    private final PendingClaims pendingClaims;
    private final SendLimits limits;
    private final ConversationEventPublisher events;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;
    private final Clock clock;

    public DirectMessageService(
            ConversationAccess access,
            ConversationStore conversations,
            DirectMessageRepository messages,
            ReadReceipts readReceipts,
            AttachmentClaims attachments,
            PendingClaims pendingClaims,
            SendLimits limits,
            ConversationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.access = access;
        this.conversations = conversations;
        this.messages = messages;
        this.readReceipts = readReceipts;
        this.attachments = attachments;
        this.pendingClaims = pendingClaims;
        this.limits = limits;
        this.events = events;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readWrite = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Sends a message. Files are claimed from message-service between two transactions — after the caller is
     * known to be allowed, and without holding a database connection while message-service answers — under
     * the message's pre-assigned id ({@link PendingClaims}: a retry of the same files reuses it). The write
     * then re-checks the permission under the conversation's lock (a ban may have landed meanwhile), takes
     * the next seq, moves lastMessageAt and publishes, all in one transaction.
     */
    Sent send(UUID me, String accessToken, UUID conversationId, SendMessageRequest request) {
        if (request.clientMessageId() != null) {
            // a repeat answers the message the first send created, neither throttled nor re-checked for files
            Optional<DirectMessageView> earlier = readOnly.execute(status -> {
                access.require(Action.VIEW, conversationId, me);
                return messages.findBySenderIdAndClientMessageId(me, request.clientMessageId())
                        .map(message -> {
                            if (!message.getConversationId().equals(conversationId)) {
                                throw ApiException.invalidField(
                                        "clientMessageId",
                                        "already names one of your messages in another conversation");
                            }
                            return DirectMessageView.of(message);
                        });
            });
            if (earlier.isPresent()) {
                return new Sent(earlier.get(), false);
            }
        }
        limits.acquireMessage(me);
        List<UUID> attachmentIds = request.attachmentIds() == null ? List.of() : request.attachmentIds();
        if (new HashSet<>(attachmentIds).size() != attachmentIds.size()) {
            throw ApiException.invalidField("attachmentIds", "must not contain an id twice");
        }
        // what can be refused without the files is refused before anything is claimed
        DirectMessage.requireText(request.content(), attachmentIds);
        DirectMessageTypes.checkRequested(request.type(), !attachmentIds.isEmpty());
        readOnly.executeWithoutResult(status -> access.require(Action.SEND, conversationId, me));

        UUID messageId;
        List<AttachmentPayload> files;
        if (attachmentIds.isEmpty()) {
            messageId = UuidV7.next();
            files = List.of();
        } else {
            messageId = pendingClaims.messageIdFor(me, conversationId, attachmentIds);
            files = attachments.claim(accessToken, messageId, conversationId, attachmentIds);
        }
        MessageType type = DirectMessageTypes.resolve(request.type(), files);

        return readWrite.execute(status -> {
            Conversation conversation = access.requireLocked(Action.SEND, conversationId, me);
            Instant now = clock.instant();
            long seq = conversations.appendMessage(conversation.id(), me, now);
            DirectMessage message = new DirectMessage(
                    messageId,
                    conversation.id(),
                    seq,
                    me,
                    request.clientMessageId(),
                    request.content(),
                    type,
                    files,
                    now);
            // a concurrent repeat of the same send collides here
            REPEATED_SEND.guard(() -> messages.saveAndFlush(message));
            if (!files.isEmpty()) {
                pendingClaims.stored(messageId);
            }
            events.message(DmEvents.MESSAGE_CREATED, conversation.participants(), message);
            readReceipts.readBySending(conversation, message, now);
            return new Sent(DirectMessageView.of(message), true);
        });
    }

    /** The sent message, and whether this call created it (or a repeat found it). */
    record Sent(DirectMessageView message, boolean created) {}

    @Transactional(readOnly = true)
    Page<DirectMessageView> page(UUID me, UUID conversationId, Integer limit, String cursor) {
        access.require(Action.VIEW, conversationId, me);
        PageRequest page = PageRequest.of(limit, cursor, 1);
        long beforeSeq = page.first() ? Long.MAX_VALUE : page.longPart(0);
        return Page.of(
                messages.page(conversationId, beforeSeq, page.limit() + 1),
                page.limit(),
                DirectMessageView::of,
                m -> PageRequest.encode(m.getSeq()));
    }

    @Transactional(readOnly = true)
    DirectMessageView get(UUID me, UUID messageId) {
        return DirectMessageView.of(access.requireMessageReadable(messageId, me));
    }

    /**
     * Replaces the text (sender only, at the version they read); an unchanged or left-out text changes nothing
     * but is still checked against the version.
     */
    @Transactional
    DirectMessageView edit(UUID me, UUID messageId, EditMessageRequest request) {
        MessageContext context = access.requireMessage(Action.EDIT_MESSAGE, messageId, me);
        DirectMessage message = context.message();
        String content = request.content().applyTo(message.getContent());
        switch (message.edit(content, request.version(), clock.instant())) {
            case EDITED -> {
                messages.flush();
                events.message(DmEvents.MESSAGE_UPDATED, context.conversation().participants(), message);
            }
            case UNCHANGED -> {}
            case STALE_VERSION ->
                throw ApiException.conflict("The message was changed in the meantime; reload and retry")
                        .with("current", DirectMessageView.of(message));
            case DELETED ->
                throw ApiException.conflict("The message was deleted").with("current", DirectMessageView.of(message));
        }
        return DirectMessageView.of(message);
    }

    /** Soft delete (sender only); deleting a deleted message again changes nothing. */
    @Transactional
    public void delete(UUID me, UUID messageId) {
        MessageContext context = access.requireMessage(Action.DELETE_MESSAGE, messageId, me);
        DirectMessage message = context.message();
        if (message.delete(clock.instant())) {
            messages.flush();
            events.message(DmEvents.MESSAGE_DELETED, context.conversation().participants(), message);
        }
    }
}
