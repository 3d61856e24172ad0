package dev.connectnow.message.post;

import dev.connectnow.chassis.web.ApiException;
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
import dev.connectnow.message.post.MessageRequests.EditMessageRequest;
import dev.connectnow.message.post.MessageRequests.PostMessageRequest;
import dev.connectnow.message.reaction.ReactionStore;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Posting, editing, deleting and pinning messages; every change is published through the outbox in its own
 * transaction.
 *
 * <p>Locks are always taken in one order — attachments, then messages (a thread root after the message), then
 * the channel's counter row — so concurrent writers cannot deadlock. The counter row is taken last: the
 * channel is serialized only for the insert itself.
 */
@Service
public class MessageService {

    private final MessageRepository messages;
    private final ChannelDirectory channels;
    private final MessageAccess access;
    private final AttachmentService attachments;
    private final ReactionStore reactions;
    private final Mentions mentions;
    private final MessageEventPublisher events;
    private final MessageViews views;
    private final PostRateLimiter rateLimiter;
    private final EntityManager entityManager;
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
            PostRateLimiter rateLimiter,
            EntityManager entityManager,
            Clock clock) {
        this.messages = messages;
        this.channels = channels;
        this.access = access;
        this.attachments = attachments;
        this.reactions = reactions;
        this.mentions = mentions;
        this.events = events;
        this.views = views;
        this.rateLimiter = rateLimiter;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * A message or thread reply. A reply to a reply joins the thread of its root (threads are one level deep,
     * as in Slack), so {@code parentId} of the result is always a top-level message.
     */
    @Transactional
    public MessageView post(UUID me, UUID channelId, PostMessageRequest request) {
        ChannelContext context = access.require(MessageAction.POST, channelId, me, "post in this channel");
        context.channel().requireWritable();
        rateLimiter.acquire(me);
        String content = request.content() == null ? "" : request.content();
        if (content.isBlank() && request.attachments().isEmpty()) {
            throw ApiException.invalidField("content", "must not be blank unless files are attached");
        }
        List<AttachmentRecord> files = attachments.lockForPost(me, request.attachments());
        MessageType type = MessageTypes.resolve(
                request.type(), files.stream().map(AttachmentRecord::mimeType).toList());
        Message root = request.parentId() == null ? null : lockThreadRoot(request.parentId(), channelId);
        List<UUID> mentioned = mentions.resolve(content, context.channel());

        SeqGrant grant = channels.nextSeq(channelId).orElseThrow(() -> ApiException.notFound("Not found"));
        grant.channel().requireWritable();
        Message message = Message.posted(
                UuidV7.next(),
                channelId,
                me,
                content,
                type,
                root == null ? null : root.getId(),
                grant.seq(),
                mentioned,
                Instant.now(clock));
        entityManager.persist(message);
        messages.flush(); // the row must exist before files point at it
        attachments.attach(message.getId(), files);
        if (root != null) {
            root.replyAdded();
        }
        List<AttachmentPayload> attached =
                files.stream().map(AttachmentRecord::payload).toList();
        events.created(message, grant.channel().workspaceId(), attached);
        return MessageView.of(message, List.of(), attached);
    }

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
        ChannelContext context = access.require(
                MessageAction.EDIT, message.getChannelId(), me, message.isAuthoredBy(me), "edit this message");
        context.channel().requireWritable();
        if (message.isDeleted() || !message.isAtVersion(request.version())) {
            throw ApiException.conflict(
                            message.isDeleted()
                                    ? "The message was deleted"
                                    : "The message changed since version " + request.version()
                                            + "; the current message is attached")
                    .with("current", views.of(message, me));
        }
        boolean hasFiles = !attachments.ofMessages(List.of(messageId)).isEmpty();
        if (request.content().isBlank() && !hasFiles) {
            throw ApiException.invalidField("content", "must not be blank unless files are attached");
        }
        message.edit(request.content(), mentions.resolve(request.content(), context.channel()), Instant.now(clock));
        messages.flush();
        events.changed(MessageEvents.UPDATED, message, context.channel().workspaceId());
        return views.of(message, me);
    }

    /**
     * Soft delete by the author, a workspace MODERATOR+ or a channel OWNER/ADMIN. Content, files, reactions and
     * the pin go; the message keeps its place and its replies. Deleting twice is a no-op.
     */
    @Transactional
    public void delete(UUID me, UUID messageId) {
        Message message = lock(messageId);
        ChannelContext context = access.require(
                MessageAction.DELETE, message.getChannelId(), me, message.isAuthoredBy(me), "delete this message");
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
        ChannelContext context = access.require(
                MessageAction.PIN,
                message.getChannelId(),
                me,
                message.isAuthoredBy(me),
                pin ? "pin messages" : "unpin messages");
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
