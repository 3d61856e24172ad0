package dev.connectnow.channel.readstate;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Read state")
class ReadStateController {

    private final ReadStateService service;

    ReadStateController(ReadStateService service) {
        this.service = service;
    }

    @PutMapping("/api/channels/{channelId}/read")
    @Operation(summary = "Mark read up to a message of the channel; never moves backwards")
    ResponseEntity<Void> markRead(
            AuthenticatedUser me, @PathVariable UUID channelId, @Valid @RequestBody MarkReadRequest request) {
        service.markRead(me.userId(), channelId, request.messageId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/workspaces/{workspaceId}/unread")
    @Operation(summary = "Unread counts of my channels in the workspace (muted ones flagged)")
    Page<Unread> unread(
            AuthenticatedUser me,
            @PathVariable UUID workspaceId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.unread(me.userId(), workspaceId, limit, cursor);
    }
}
