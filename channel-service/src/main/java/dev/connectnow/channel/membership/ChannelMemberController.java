package dev.connectnow.channel.membership;

import dev.connectnow.channel.directory.MemberView;
import dev.connectnow.channel.directory.MembershipItem;
import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Channel members")
class ChannelMemberController {

    private final ChannelMemberService service;

    ChannelMemberController(ChannelMemberService service) {
        this.service = service;
    }

    @PostMapping("/api/channels/{channelId}/join")
    @Operation(summary = "Join a public channel (idempotent); private channels answer 404")
    MemberView join(AuthenticatedUser me, @PathVariable UUID channelId) {
        return service.join(me.userId(), channelId).member();
    }

    @PostMapping("/api/channels/{channelId}/members")
    @Operation(summary = "Add a workspace member: 201, or 200 if already in the channel")
    ResponseEntity<MemberView> add(
            AuthenticatedUser me, @PathVariable UUID channelId, @Valid @RequestBody AddMemberRequest request) {
        ChannelMemberService.Added added = service.add(me.userId(), channelId, request.userId());
        return ResponseEntity.status(added.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(added.member());
    }

    @GetMapping("/api/channels/{channelId}/members")
    Page<MemberView> list(
            AuthenticatedUser me,
            @PathVariable UUID channelId,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.list(me.userId(), channelId, limit, cursor);
    }

    @GetMapping("/api/channels/memberships")
    @Operation(
            summary = "My channel memberships in every workspace I belong to, by workspace and channel (keyset);"
                    + " realtime-service's routing snapshot")
    Page<MembershipItem> myMemberships(
            AuthenticatedUser me,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return service.myMemberships(me.userId(), limit, cursor);
    }

    @PatchMapping("/api/channels/{channelId}/members/me")
    @Operation(summary = "Mute or unmute the channel for myself")
    MemberView updateMine(
            AuthenticatedUser me, @PathVariable UUID channelId, @Valid @RequestBody UpdateMyMembershipRequest request) {
        return service.updateMine(me.userId(), channelId, request.isMuted());
    }

    @PatchMapping("/api/channels/{channelId}/members/{userId}")
    @Operation(summary = "Change a member's channel role to ADMIN or MEMBER (channel OWNER/ADMIN or workspace ADMIN+)")
    MemberView changeRole(
            AuthenticatedUser me,
            @PathVariable UUID channelId,
            @PathVariable UUID userId,
            @Valid @RequestBody ChangeRoleRequest request) {
        return service.changeRole(me.userId(), channelId, userId, request.role());
    }

    @DeleteMapping("/api/channels/{channelId}/members/{userId}")
    @Operation(summary = "Leave (my own id, or 'me') or remove somebody else")
    ResponseEntity<Void> remove(AuthenticatedUser me, @PathVariable UUID channelId, @PathVariable String userId) {
        service.remove(me.userId(), channelId, "me".equals(userId) ? me.userId() : parseUserId(userId));
        return ResponseEntity.noContent().build();
    }

    private static UUID parseUserId(String text) {
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw ApiException.invalidField("userId", "has the wrong format");
    }
}
