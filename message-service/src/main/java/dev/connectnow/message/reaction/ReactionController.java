package dev.connectnow.message.reaction;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.message.reaction.ReactionStore.ReactionSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reactions")
public class ReactionController {

    private final ReactionService service;

    public ReactionController(ReactionService service) {
        this.service = service;
    }

    @PutMapping("/api/messages/{messageId}/reactions/{emoji}")
    @Operation(summary = "Add my reaction (emoji URL-encoded, or :shortcode:); idempotent → {emoji, count, me}")
    public ReactionSummary add(AuthenticatedUser me, @PathVariable UUID messageId, @PathVariable String emoji) {
        return service.add(me.userId(), messageId, emoji);
    }

    @DeleteMapping("/api/messages/{messageId}/reactions/{emoji}")
    @Operation(summary = "Remove my reaction; idempotent")
    public ResponseEntity<Void> remove(AuthenticatedUser me, @PathVariable UUID messageId, @PathVariable String emoji) {
        service.remove(me.userId(), messageId, emoji);
        return ResponseEntity.noContent().build();
    }
}
