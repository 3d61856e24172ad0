package dev.connectnow.channel.directory;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Channels")
class ChannelController {

    private final ChannelService service;

    ChannelController(ChannelService service) {
        this.service = service;
    }

    @PostMapping("/api/workspaces/{workspaceId}/channels")
    @Operation(summary = "Create a channel (workspace MEMBER+); the creator becomes its OWNER")
    ResponseEntity<ChannelView> create(
            AuthenticatedUser me, @PathVariable UUID workspaceId, @Valid @RequestBody CreateChannelRequest request) {
        ChannelView channel = service.create(me.userId(), workspaceId, request);
        return ResponseEntity.created(URI.create("/api/channels/" + channel.id()))
                .body(channel);
    }

    @GetMapping("/api/workspaces/{workspaceId}/channels")
    @Operation(summary = "Channels I can see, by position, with isMember and unreadCount; q filters names")
    Page<ChannelListItem> list(
            AuthenticatedUser me,
            @PathVariable UUID workspaceId,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.list(me.userId(), workspaceId, q, limit, cursor);
    }

    @PutMapping("/api/workspaces/{workspaceId}/channels/order")
    @Operation(summary = "Reorder channels (workspace ADMIN+)")
    Page<ChannelPosition> reorder(
            AuthenticatedUser me, @PathVariable UUID workspaceId, @Valid @RequestBody ReorderRequest request) {
        return service.reorder(me.userId(), workspaceId, request.channelIds());
    }

    @GetMapping("/api/channels/{channelId}")
    ChannelView get(AuthenticatedUser me, @PathVariable UUID channelId) {
        return service.get(me.userId(), channelId);
    }

    @PatchMapping("/api/channels/{channelId}")
    @Operation(summary = "Change name, description, topic or privacy (channel OWNER/ADMIN or workspace ADMIN+)")
    ChannelView update(
            AuthenticatedUser me, @PathVariable UUID channelId, @Valid @RequestBody UpdateChannelRequest request) {
        return service.update(me.userId(), channelId, request);
    }

    @DeleteMapping("/api/channels/{channelId}")
    ResponseEntity<Void> delete(AuthenticatedUser me, @PathVariable UUID channelId) {
        service.delete(me.userId(), channelId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/channels/{channelId}/archive")
    ChannelView archive(AuthenticatedUser me, @PathVariable UUID channelId) {
        return service.archive(me.userId(), channelId, true);
    }

    @PostMapping("/api/channels/{channelId}/unarchive")
    ChannelView unarchive(AuthenticatedUser me, @PathVariable UUID channelId) {
        return service.archive(me.userId(), channelId, false);
    }
}
