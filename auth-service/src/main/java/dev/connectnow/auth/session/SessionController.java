package dev.connectnow.auth.session;

import dev.connectnow.chassis.security.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth/sessions")
@Tag(name = "Sessions", description = "My signed-in devices")
class SessionController {

    private final SessionService sessions;

    SessionController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    @Operation(summary = "My active sessions, newest first; 'current' marks the one making this call")
    List<SessionView> mine(AuthenticatedUser me) {
        return sessions.activeSessions(me.userId(), me.sessionId());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign a device out; a session that is not mine is 404")
    void revoke(AuthenticatedUser me, @PathVariable UUID id) {
        sessions.revokeOwn(me.userId(), id, RevokeReason.REVOKED_BY_USER);
    }
}
