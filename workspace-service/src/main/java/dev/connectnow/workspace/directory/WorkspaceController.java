package dev.connectnow.workspace.directory;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/workspaces")
@Tag(name = "Workspaces")
class WorkspaceController {

    private final WorkspaceService service;

    WorkspaceController(WorkspaceService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Create a workspace; the caller becomes its OWNER")
    ResponseEntity<WorkspaceView> create(AuthenticatedUser me, @Valid @RequestBody CreateWorkspaceRequest request) {
        WorkspaceView created = service.create(me.userId(), request);
        return ResponseEntity.created(URI.create("/api/workspaces/" + created.id()))
                .body(created);
    }

    @GetMapping
    @Operation(summary = "My workspaces, in the order I joined them")
    Page<WorkspaceView> mine(
            AuthenticatedUser me,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.mine(me.userId(), PageRequest.of(limit, cursor, 1));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A workspace: members see it; anyone sees a public one (myRole null)")
    WorkspaceView get(AuthenticatedUser me, @PathVariable UUID id) {
        return service.get(me.userId(), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change name, slug, description, iconUrl, isPublic (ADMIN+)")
    WorkspaceView update(
            AuthenticatedUser me, @PathVariable UUID id, @Valid @RequestBody UpdateWorkspaceRequest request) {
        return service.update(me.userId(), id, request);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete the workspace and its memberships (OWNER)")
    ResponseEntity<Void> delete(AuthenticatedUser me, @PathVariable UUID id) {
        service.delete(me.userId(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/invite-code")
    @Operation(summary = "Rotate the invite code (ADMIN+); the old one stops working")
    InviteCodeView rotateInviteCode(AuthenticatedUser me, @PathVariable UUID id) {
        return service.rotateInviteCode(me.userId(), id);
    }
}
