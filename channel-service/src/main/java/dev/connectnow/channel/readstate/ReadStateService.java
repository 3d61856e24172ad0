package dev.connectnow.channel.readstate;

import dev.connectnow.channel.directory.ChannelAccess;
import dev.connectnow.channel.directory.ChannelPermissions.ChannelAction;
import dev.connectnow.channel.directory.ChannelPermissions.WorkspaceAction;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.events.message.MessageEvents.MessagePayload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Read state. Each channel carries {@code last_message_seq} and each membership {@code last_read_seq}, so an
 * unread count is one subtraction per channel whatever the channel's size, less the seqs after the read position
 * that do not count: deleted messages and thread replies (see docs/channel.md).
 */
@Service
public class ReadStateService {

    private final ChannelAccess access;
    private final ReadStateStore store;
    private final Clock clock;
    /** Binds the current transaction's posted messages (see {@link #onMessageCreated}). */
    private final Object postedKey = new Object();

    ReadStateService(ChannelAccess access, ReadStateStore store, Clock clock) {
        this.access = access;
        this.store = store;
        this.clock = clock;
    }

    /** Marks the channel read up to a message; never moves backwards (an older message changes nothing). */
    @Transactional
    public void markRead(UUID me, UUID channelId, UUID messageId) {
        access.require(ChannelAction.OWN_MEMBERSHIP, channelId, me);
        long seq = store.seqOf(channelId, messageId)
                .orElseThrow(() -> ApiException.notFound("No such message in this channel"));
        store.advanceReadPosition(channelId, me, seq, messageId, clock.instant());
    }

    /** Unread counts of every channel I am a member of in the workspace; muted ones are flagged, not hidden. */
    @Transactional(readOnly = true)
    public Page<Unread> unread(UUID me, UUID workspaceId, Integer limit, String cursor) {
        access.requireWorkspace(WorkspaceAction.READ_UNREAD_SUMMARY, workspaceId, me, false);
        PageRequest page = PageRequest.of(limit, cursor, 1);
        UUID after = page.first() ? null : page.uuidPart(0);
        return Page.of(
                store.unread(me, workspaceId, after, page.limit() + 1),
                page.limit(),
                row -> new Unread(row.channelId(), row.unreadCount(), row.isMuted()),
                ReadStateStore.UnreadRow::cursor);
    }

    /** A message was deleted: it no longer counts as unread for anyone who had not read it (idempotent). */
    @Transactional
    public void onMessageDeleted(MessagePayload message) {
        if (message.channelId() == null) {
            return;
        }
        store.recordDeleted(message.channelId(), message.seq());
    }

    /**
     * A message was posted: the channel's last message moves forward (max, so duplicates and reordering are
     * harmless), the message becomes markable, and its author has read their own message. A thread reply does
     * not count as unread, and posting one does not mark the channel read up to it. Messages of unknown or
     * deleted channels are ignored.
     *
     * <p>Written just before the transaction commits, together with every other message posted in it (a batch
     * listener's poll): at most four statements for the lot instead of three or four per message. Every effect is monotonic or
     * insert-if-absent, so applying them together and in any order ends where applying them one by one would.
     */
    @Transactional
    public void onMessageCreated(MessagePayload message) {
        if (message.channelId() == null || message.id() == null) {
            return;
        }
        Instant at = message.createdAt() == null ? clock.instant() : message.createdAt();
        postedInThisTransaction()
                .add(new PostedMessage(
                        message.id(),
                        message.channelId(),
                        message.seq(),
                        message.userId(),
                        at,
                        message.parentId() != null));
    }

    /** The messages posted in the current transaction so far; {@link ReadStateStore#applyPosted} before it commits. */
    @SuppressWarnings("unchecked")
    private List<PostedMessage> postedInThisTransaction() {
        List<PostedMessage> posted = (List<PostedMessage>) TransactionSynchronizationManager.getResource(postedKey);
        if (posted != null) {
            return posted;
        }
        List<PostedMessage> collected = new ArrayList<>();
        TransactionSynchronizationManager.bindResource(postedKey, collected);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                store.applyPosted(collected);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResource(postedKey);
            }
        });
        return collected;
    }
}
