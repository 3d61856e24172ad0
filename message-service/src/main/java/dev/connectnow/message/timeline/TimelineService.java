package dev.connectnow.message.timeline;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import dev.connectnow.message.access.MessageAccess;
import dev.connectnow.message.access.MessagePermissions.MessageAction;
import dev.connectnow.message.post.Message;
import dev.connectnow.message.post.MessageRepository;
import dev.connectnow.message.post.MessageView;
import dev.connectnow.message.post.MessageViews;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading messages: the channel timeline (top-level only, newest first), one message, a thread's replies
 * (oldest first) and the pins. Keyset cursors throughout, each list served by its own index; deleted messages
 * stay in lists as tombstones ({@code content: null}) so threads and positions remain.
 */
@Service
public class TimelineService {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");
    private static final UUID MAX_UUID = new UUID(-1L, -1L);

    private final MessageRepository messages;
    private final MessageAccess access;
    private final MessageViews views;

    public TimelineService(MessageRepository messages, MessageAccess access, MessageViews views) {
        this.messages = messages;
        this.access = access;
        this.views = views;
    }

    @Transactional(readOnly = true)
    public Page<MessageView> timeline(UUID me, UUID channelId, Integer limit, String cursor) {
        access.require(MessageAction.READ, channelId, me, "read this channel");
        PageRequest page = PageRequest.of(limit, cursor, 1);
        long before = page.first() ? Long.MAX_VALUE : page.longPart(0);
        return page(
                messages.timeline(channelId, before, page.limit() + 1), page, me, m -> PageRequest.encode(m.getSeq()));
    }

    @Transactional(readOnly = true)
    public MessageView message(UUID me, UUID messageId) {
        Message message = readable(me, messageId);
        return views.of(message, me);
    }

    @Transactional(readOnly = true)
    public Page<MessageView> replies(UUID me, UUID messageId, Integer limit, String cursor) {
        Message root = readable(me, messageId);
        PageRequest page = PageRequest.of(limit, cursor, 1);
        long after = page.first() ? 0 : page.longPart(0);
        return page(
                messages.replies(root.getId(), after, page.limit() + 1), page, me, m -> PageRequest.encode(m.getSeq()));
    }

    @Transactional(readOnly = true)
    public Page<MessageView> pins(UUID me, UUID channelId, Integer limit, String cursor) {
        access.require(MessageAction.READ, channelId, me, "read this channel");
        PageRequest page = PageRequest.of(limit, cursor, 2);
        Instant beforePinnedAt = page.first() ? END_OF_TIME : instantPart(page);
        UUID beforeId = page.first() ? MAX_UUID : page.uuidPart(1);
        return page(
                messages.pins(channelId, beforePinnedAt, beforeId, page.limit() + 1),
                page,
                me,
                m -> PageRequest.encode(m.getPinnedAt(), m.getId()));
    }

    private Message readable(UUID me, UUID messageId) {
        Message message = messages.findById(messageId).orElseThrow(() -> ApiException.notFound("Not found"));
        access.require(MessageAction.READ, message.getChannelId(), me, "read this channel");
        return message;
    }

    private Page<MessageView> page(
            List<Message> rowsPlusOne, PageRequest page, UUID me, Function<Message, String> cursorOf) {
        Page<Message> rows = Page.of(rowsPlusOne, page.limit(), m -> m, cursorOf);
        return new Page<>(views.of(rows.items(), me), rows.nextCursor());
    }

    private static Instant instantPart(PageRequest page) {
        try {
            return Instant.parse(page.part(0));
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalidField("cursor", "is not a valid cursor");
        }
    }
}
