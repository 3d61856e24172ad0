package dev.connectnow.dm.conversation;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.dm.conversation.ConversationService.FindOrCreate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Direct conversations")
class ConversationController {

    private final ConversationService service;
    private final ReadReceipts readReceipts;

    ConversationController(ConversationService service, ReadReceipts readReceipts) {
        this.service = service;
        this.readReceipts = readReceipts;
    }

    @PostMapping("/api/dm/conversations")
    @Operation(summary = "Find or create my conversation with a user: 201 when this call created it, else 200")
    ResponseEntity<ConversationView> findOrCreate(
            AuthenticatedUser me, @Valid @RequestBody FindOrCreateRequest request) {
        FindOrCreate result = service.findOrCreate(me.userId(), request.userId());
        if (result.created()) {
            return ResponseEntity.created(URI.create(
                            "/api/dm/conversations/" + result.conversation().id()))
                    .body(result.conversation());
        }
        return ResponseEntity.ok(result.conversation());
    }

    @GetMapping("/api/dm/conversations")
    @Operation(summary = "My conversations, latest message first, each with the other user and my unreadCount")
    Page<ConversationView> mine(
            AuthenticatedUser me,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.mine(me.userId(), limit, cursor);
    }

    @GetMapping("/api/dm/conversations/{conversationId}")
    ConversationView get(AuthenticatedUser me, @PathVariable UUID conversationId) {
        return service.get(me.userId(), conversationId);
    }

    @PostMapping("/api/dm/conversations/{conversationId}/read")
    @Operation(summary = "I have read the conversation up to this message; never moves backwards")
    ResponseEntity<Void> markRead(
            AuthenticatedUser me, @PathVariable UUID conversationId, @Valid @RequestBody MarkReadRequest request) {
        readReceipts.markRead(me.userId(), conversationId, request.messageId());
        return ResponseEntity.noContent().build();
    }
}
