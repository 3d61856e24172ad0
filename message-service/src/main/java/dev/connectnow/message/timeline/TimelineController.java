package dev.connectnow.message.timeline;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.message.post.MessageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Messages")
public class TimelineController {

    private final TimelineService service;

    public TimelineController(TimelineService service) {
        this.service = service;
    }

    @GetMapping("/api/channels/{channelId}/messages")
    @Operation(summary = "Top-level messages, newest first; nextCursor pages to older ones")
    public Page<MessageView> timeline(
            AuthenticatedUser me,
            @PathVariable UUID channelId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.timeline(me.userId(), channelId, limit, cursor);
    }

    @GetMapping("/api/messages/{messageId}")
    public MessageView message(AuthenticatedUser me, @PathVariable UUID messageId) {
        return service.message(me.userId(), messageId);
    }

    @GetMapping("/api/messages/{messageId}/replies")
    @Operation(summary = "Replies of a thread, oldest first; nextCursor pages to newer ones")
    public Page<MessageView> replies(
            AuthenticatedUser me,
            @PathVariable UUID messageId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.replies(me.userId(), messageId, limit, cursor);
    }

    @GetMapping("/api/channels/{channelId}/pins")
    @Operation(summary = "Pinned messages, most recently pinned first")
    public Page<MessageView> pins(
            AuthenticatedUser me,
            @PathVariable UUID channelId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.pins(me.userId(), channelId, limit, cursor);
    }
}
