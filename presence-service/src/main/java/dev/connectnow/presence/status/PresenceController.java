package dev.connectnow.presence.status;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.chassis.web.Page;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The presence API (docs/presence.md): read the presence of users you may see, set your own status. */
@RestController
@RequestMapping("/api/presence")
class PresenceController {

    private final PresenceQueries queries;
    private final PresenceUpdater updater;

    PresenceController(PresenceQueries queries, PresenceUpdater updater) {
        this.queries = queries;
        this.updater = updater;
    }

    @GetMapping("/me")
    PresenceView mine(AuthenticatedUser caller) {
        return queries.one(caller.userId(), caller.userId());
    }

    @GetMapping("/{userId}")
    PresenceView one(AuthenticatedUser caller, @PathVariable UUID userId) {
        return queries.one(caller.userId(), userId);
    }

    /** {@code ?userIds=a,b,...}: one page with every visible user asked for ({@code nextCursor} always null). */
    @GetMapping
    Page<PresenceView> many(AuthenticatedUser caller, @RequestParam List<UUID> userIds) {
        return new Page<>(queries.many(caller.userId(), userIds), null);
    }

    @PutMapping("/me")
    PresenceView update(AuthenticatedUser caller, @Valid @RequestBody PresenceChange change) {
        UserPresence presence = updater.choose(caller.userId(), change);
        return PresenceView.of(presence.userId(), presence.visible());
    }
}
