package dev.connectnow.auth.admin;

import dev.connectnow.chassis.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/admin/users/{id}")
@Tag(name = "Administration", description = "Platform admin actions (connectnow.auth.admins only)")
class AdminController {

    private final BanService bans;

    AdminController(BanService bans) {
        this.bans = bans;
    }

    @PostMapping("/ban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Ban a user: sessions revoked, sign-in refused, user.banned published")
    void ban(AuthenticatedUser me, @PathVariable UUID id, @Valid @RequestBody(required = false) BanRequest request) {
        bans.ban(me, id, request == null ? null : request.reason());
    }

    @PostMapping("/unban")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Lift a ban; the user signs in again to get new sessions")
    void unban(AuthenticatedUser me, @PathVariable UUID id) {
        bans.unban(me, id);
    }
}
