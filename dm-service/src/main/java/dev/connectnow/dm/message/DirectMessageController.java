package dev.connectnow.dm.message;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Direct messages")
class DirectMessageController {

    private final DirectMessageService service;

    DirectMessageController(DirectMessageService service) {
        this.service = service;
    }

    @GetMapping("/api/dm/conversations/{conversationId}/messages")
    @Operation(summary = "Messages of a conversation, newest first; ?cursor= for older pages")
    Page<DirectMessageView> page(
            AuthenticatedUser me,
            @PathVariable UUID conversationId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.page(me.userId(), conversationId, limit, cursor);
    }

    @PostMapping("/api/dm/conversations/{conversationId}/messages")
    @Operation(
            summary = "Send a message; attachmentIds are my uploads from POST /api/attachments; repeating a"
                    + " clientMessageId answers 200 with the message the first send created")
    ResponseEntity<DirectMessageView> send(
            AuthenticatedUser me,
            @Parameter(hidden = true) @AuthenticationPrincipal Jwt token,
            @PathVariable UUID conversationId,
            @Valid @RequestBody SendMessageRequest request) {
        DirectMessageService.Sent sent = service.send(me.userId(), token.getTokenValue(), conversationId, request);
        URI location = URI.create("/api/dm/messages/" + sent.message().id());
        return sent.created()
                ? ResponseEntity.created(location).body(sent.message())
                : ResponseEntity.ok().location(location).body(sent.message());
    }

    @GetMapping("/api/dm/messages/{messageId}")
    DirectMessageView get(AuthenticatedUser me, @PathVariable UUID messageId) {
        return service.get(me.userId(), messageId);
    }

    @PatchMapping("/api/dm/messages/{messageId}")
    @Operation(summary = "Edit my message at the version I read: 200 with version+1, stale version → 409")
    DirectMessageView edit(
            AuthenticatedUser me, @PathVariable UUID messageId, @Valid @RequestBody EditMessageRequest request) {
        return service.edit(me.userId(), messageId, request);
    }

    @DeleteMapping("/api/dm/messages/{messageId}")
    @Operation(summary = "Delete my message (soft: its text and files are gone for good)")
    ResponseEntity<Void> delete(AuthenticatedUser me, @PathVariable UUID messageId) {
        service.delete(me.userId(), messageId);
        return ResponseEntity.noContent().build();
    }
}
