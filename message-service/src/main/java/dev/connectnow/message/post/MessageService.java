package dev.connectnow.message.post;

import dev.connectnow.chassis.data.UniqueConstraints;
import dev.connectnow.chassis.ratelimit.TokenBuckets;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.RequestDeadline;
import dev.connectnow.events.UuidV7;
import dev.connectnow.events.message.MessageEvents;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import dev.connectnow.events.message.MessageEvents.MessageType;
import dev.connectnow.message.access.MessageAccess;
import dev.connectnow.message.access.MessageAccess.ChannelContext;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import dev.connectnow.message.attachment.AttachmentRecord;
import dev.connectnow.message.attachment.AttachmentService;
import dev.connectnow.message.channel.ChannelDirectory;
import dev.connectnow.message.channel.ChannelDirectory.SeqGrant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posting, editing, deleting and pinning messages; every change is published through the outbox in its own
 * transaction.
 *
 * <p>Locks are always taken in one order — attachments, then messages (a thread root after the message), then
 * the channel's counter row — so concurrent writers cannot deadlock. The counter row is taken last: the
 * channel is serialized only for the insert itself. Posts also take their channel's turn in this instance
 * ({@link ChannelTurns}) before any of these, and nothing waits for a turn while holding a lock.
 */
@Service
public class MessageService {

    /** Two repeats of one post at once: the first creates the message, the other is told to repeat again. */
    static final UniqueConstraints REPEATED_POST = UniqueConstraints.of(
            "messages_author_client_message_id_uq",
            "clientMessageId",
            "A post with this clientMessageId is in progress; repeat it to get the message");

    private final MessageRepository messages;
    private final ChannelDirectory channels;
    private final MessageAccess access;
    private final AttachmentService attachments;
    private final ReactionStore reactions;
    private final Mentions mentions;
    private final MessageEventPublisher events;
    private final MessageViews views;
    private final TokenBuckets<UUID> postBuckets;
    private final ChannelTurns turns;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public MessageService(
            MessageRepository messages,
            ChannelDirectory channels,
            MessageAccess access,
            AttachmentService attachments,
            ReactionStore reactions,
            Mentions mentions,
            MessageEventPublisher events,
            MessageViews views,
            PostingProperties posting,
            PlatformTransactionManager transactionManager,
            MeterRegistry meters,
            Clock clock) {
        this.messages = messages;
        this.channels = channels;
        this.access = access;
        this.attachments = attachments;
        this.reactions = reactions;
        this.mentions = mentions;
        this.events = events;
        this.views = views;
        this.postBuckets = new TokenBuckets<>(posting.postBurst(), posting.postRatePerSecond(), clock);
        this.turns = new ChannelTurns(posting.channelTurnTimeout(), clock, meters);
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * A message or thread reply. A reply to a reply joins the thread of its root (threads are one level deep,
     * as in Slack), so {@code parentId} of the result is always a top-level message. A post repeating an
     * earlier {@code clientMessageId} of the caller answers that message, neither throttled nor refused by
     * an archive since (the first post succeeded).
     *
     * <p>The checks that lock nothing run first, outside the write; the write waits for the channel's turn
     * ({@link ChannelTurns}) and is one short transaction: files and thread root locked, the channel's next
     * number, the row, the event. It is not written once the caller's {@code deadline} has passed.
     */
    public Posted post(UUID me, UUID channelId, PostMessageRequest request, RequestDeadline deadline) {
        ChannelContext context = access.require(MessageAction.POST, channelId, me);
        Optional<Message> earlier = request.clientMessageId() == null
                ? Optional.empty()
                : messages.findByUserIdAndClientMessageId(me, request.clientMessageId());
        if (earlier.isPresent()) {
            if (!earlier.get().getChannelId().equals(channelId)) {
                throw ApiException.invalidField(
                        "clientMessageId", "already names one of your messages in another channel");
            }
            return new Posted(views.of(earlier.get(), me), false);
        }
        context.channel().requireWritable();
        postBuckets.take(me).ifPresent(wait -> {
            throw ApiException.tooManyRequests("You are sending messages too fast", wait);
        });
        String content = request.content() == null ? "" : request.content();
        if (content.isBlank() && request.attachments().isEmpty()) {
            throw ApiException.invalidField("content", "must not be blank unless files are attached");
        }
        List<UUID> mentioned = mentions.resolve(content, context.channel());
        return turns.inTurn(
                channelId,
                deadline,
                () -> transactions.execute(status -> write(me, channelId, request, content, mentioned)));
    }

    private Posted write(UUID me, UUID channelId, PostMessageRequest request, String content, List<UUID> mentioned) {
        List<AttachmentRecord> files = attachments.lockForPost(me, request.attachments());
        MessageType type = MessageTypes.resolve(
                request.type(), files.stream().map(AttachmentRecord::mimeType).toList());
        Message root = request.parentId() == null ? null : lockThreadRoot(request.parentId(), channelId);

        SeqGrant grant = channels.nextSeq(channelId).orElseThrow(() -> ApiException.notFound("Not found"));
        grant.channel().requireWritable();
        Message message = Message.posted(
                UuidV7.next(),
                channelId,
                me,
                request.clientMessageId(),
                content,
                type,
                root == null ? null : root.getId(),
                grant.seq(),
                mentioned,
                Instant.now(clock));
        // the row must exist before files point at it; a concurrent repeat of the same post collides here
        REPEATED_POST.guard(() -> messages.saveAndFlush(message));
        attachments.attach(message.getId(), files);
        if (root != null) {
            root.replyAdded();
        }
        List<AttachmentPayload> attached =
                files.stream().map(AttachmentRecord::payload).toList();
        events.created(message, grant.channel().workspaceId(), attached);
        return new Posted(MessageView.of(message, List.of(), attached), true);
    }

    /** The posted message, and whether this call created it (or a repeat found it). */
    public record Posted(MessageView message, boolean created) {}

    /** The root a reply joins: the parent, or the parent's own root; it must be live and of this channel. */
    private Message lockThreadRoot(UUID parentId, UUID channelId) {
        Message parent = messages.findForUpdate(parentId)
                .filter(m -> m.getChannelId().equals(channelId))
                .orElseThrow(() -> ApiException.invalidField("parentId", "is not a message of this channel"));
        Message root = parent.isTopLevel()
                ? parent
                : messages.findForUpdate(parent.getParentId()).orElseThrow();
        root.requireThreadRoot();
        return root;
    }

    /** Author only, at the current version: a stale version is a 409 carrying the current message (R8). */
    @Transactional
    public MessageView edit(UUID me, UUID messageId, EditMessageRequest request) {
        Message message = lock(messageId);
        ChannelContext context =
                access.require(MessageAction.EDIT, message.getChannelId(), me, message.isAuthoredBy(me));
        context.channel().requireWritable();
        if (message.isDeleted() || !message.isAtVersion(request.version())) {
            throw ApiException.conflict(
                            message.isDeleted()
                                    ? "The message was deleted"
                                    : "The message changed since version " + request.version()
                                            + "; the current message is attached")
                    .with("current", views.of(message, me));
        }
        String content = request.content().applyTo(message.getContent());
        if (content.isBlank() && attachments.ofMessages(List.of(messageId)).isEmpty()) {
            throw ApiException.invalidField("content", "must not be blank unless files are attached");
        }
        if (message.edit(content, mentions.resolve(content, context.channel()), Instant.now(clock))) {
            messages.flush();
            events.changed(MessageEvents.UPDATED, message, context.channel().workspaceId());
        }
        return views.of(message, me);
    }

    /**
     * Soft delete by the author, a workspace MODERATOR+ or a channel OWNER/ADMIN. Content, files, reactions and
     * the pin go; the message keeps its place and its replies. Deleting twice is a no-op.
     */
    @Transactional
    public void delete(UUID me, UUID messageId) {
        Message message = lock(messageId);
        ChannelContext context =
                access.require(MessageAction.DELETE, message.getChannelId(), me, message.isAuthoredBy(me));
        context.channel().requireWritable();
        if (message.isDeleted()) {
            return;
        }
        Instant now = Instant.now(clock);
        message.delete(now);
        reactions.removeAll(messageId);
        attachments.messageDeleted(messageId, now);
        if (!message.isTopLevel()) {
            messages.findForUpdate(message.getParentId()).ifPresent(Message::replyRemoved);
        }
        messages.flush();
        events.changed(MessageEvents.DELETED, message, context.channel().workspaceId());
    }

    /** Pin or unpin (workspace MODERATOR+ or channel OWNER/ADMIN); repeating either is a no-op. */
    @Transactional
    public MessageView pin(UUID me, UUID messageId, boolean pin) {
        Message message = lock(messageId);
        ChannelContext context =
                access.require(MessageAction.PIN, message.getChannelId(), me, message.isAuthoredBy(me));
        context.channel().requireWritable();
        Instant now = Instant.now(clock);
        boolean changed = pin ? message.pin(now) : message.unpin(now);
        if (changed) {
            messages.flush();
            events.changed(
                    pin ? MessageEvents.PINNED : MessageEvents.UNPINNED,
                    message,
                    context.channel().workspaceId());
        }
        return views.of(message, me);
    }

    private Message lock(UUID messageId) {
        return messages.findForUpdate(messageId).orElseThrow(() -> ApiException.notFound("Not found"));
    }
}
