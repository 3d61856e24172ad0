package dev.connectnow.workspace.membership;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import dev.connectnow.chassis.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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
@Tag(name = "Workspace members")
class MemberController {

    private final MemberService service;

    MemberController(MemberService service) {
        this.service = service;
    }

    @PostMapping("/join")
    @Operation(summary = "Join by invite code (idempotent); unknown code → 404")
    MembershipView joinByInviteCode(AuthenticatedUser me, @Valid @RequestBody JoinByInviteRequest request) {
        return service.joinByInviteCode(me.userId(), request.inviteCode());
    }

    @PostMapping("/{id}/join")
    @Operation(summary = "Join a public workspace (idempotent)")
    MembershipView joinPublic(AuthenticatedUser me, @PathVariable UUID id) {
        return service.joinPublic(me.userId(), id);
    }

    @GetMapping("/{id}/members")
    @Operation(summary = "Members in join order (members only); q filters nicknames")
    Page<MemberView> list(
            AuthenticatedUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String q) {
        return service.list(me.userId(), id, PageRequest.of(limit, cursor, 1), q);
    }

    @PatchMapping("/{id}/members/{userId}")
    @Operation(summary = "Change a member's role (ADMIN+, below own role; OWNER transfers) or nickname")
    MemberView update(
            AuthenticatedUser me,
            @PathVariable UUID id,
            @PathVariable UUID userId,
            @Valid @RequestBody UpdateMemberRequest request) {
        return service.update(me.userId(), id, userId, request);
    }

    @DeleteMapping("/{id}/members/{userId}")
    @Operation(summary = "Leave (self) or remove a member of a lower role (ADMIN+)")
    ResponseEntity<Void> remove(AuthenticatedUser me, @PathVariable UUID id, @PathVariable UUID userId) {
        service.remove(me.userId(), id, userId);
        return ResponseEntity.noContent().build();
    }
}
