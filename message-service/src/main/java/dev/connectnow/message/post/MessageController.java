package dev.connectnow.message.post;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.RequestDeadline;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Messages")
class MessageController {

    private final MessageService service;

    MessageController(MessageService service) {
        this.service = service;
    }

    @PostMapping("/api/channels/{channelId}/messages")
    @Operation(
            summary = "Post a message or thread reply (channel members; not in archived channels); repeating a"
                    + " clientMessageId answers 200 with the message the first post created")
    ResponseEntity<MessageView> post(
            AuthenticatedUser me,
            RequestDeadline deadline,
            @PathVariable UUID channelId,
            @Valid @RequestBody PostMessageRequest request) {
        MessageService.Posted posted = service.post(me.userId(), channelId, request, deadline);
        URI location = URI.create("/api/messages/" + posted.message().id());
        return posted.created()
                ? ResponseEntity.created(location).body(posted.message())
                : ResponseEntity.ok().location(location).body(posted.message());
    }

    @PatchMapping("/api/messages/{messageId}")
    @Operation(summary = "Edit my message at its current version; a stale version is a 409 with the current one")
    MessageView edit(
            AuthenticatedUser me, @PathVariable UUID messageId, @Valid @RequestBody EditMessageRequest request) {
        return service.edit(me.userId(), messageId, request);
    }

    @DeleteMapping("/api/messages/{messageId}")
    @Operation(summary = "Soft delete: the author, a workspace MODERATOR+ or a channel OWNER/ADMIN")
    ResponseEntity<Void> delete(AuthenticatedUser me, @PathVariable UUID messageId) {
        service.delete(me.userId(), messageId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/messages/{messageId}/pin")
    @Operation(summary = "Pin (workspace MODERATOR+ or channel OWNER/ADMIN); idempotent")
    MessageView pin(AuthenticatedUser me, @PathVariable UUID messageId) {
        return service.pin(me.userId(), messageId, true);
    }

    @DeleteMapping("/api/messages/{messageId}/pin")
    @Operation(summary = "Unpin (workspace MODERATOR+ or channel OWNER/ADMIN); idempotent")
    MessageView unpin(AuthenticatedUser me, @PathVariable UUID messageId) {
        return service.pin(me.userId(), messageId, false);
    }
}
