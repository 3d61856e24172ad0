package dev.connectnow.auth.user;

import dev.connectnow.chassis.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
@Tag(name = "Users", description = "Own profile and other users' public profiles")
class UserController {

    private final ProfileService profiles;

    UserController(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GetMapping("/me")
    @Operation(summary = "My profile, including my e-mail address")
    OwnProfile me(AuthenticatedUser me) {
        return profiles.own(me.userId());
    }

    @PatchMapping("/me")
    @Operation(summary = "Change displayName, avatarUrl and/or bio; any other field is refused")
    OwnProfile update(AuthenticatedUser me, @Valid @RequestBody UpdateProfileRequest request) {
        return profiles.update(me.userId(), request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A user's public profile")
    PublicProfile byId(@PathVariable UUID id) {
        return profiles.byId(id);
    }

    @GetMapping(params = "username")
    @Operation(summary = "A user's public profile by exact (case-insensitive) username")
    PublicProfile byUsername(@RequestParam String username) {
        return profiles.byUsername(username);
    }
}
