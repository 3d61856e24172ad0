package dev.connectnow.message.attachment;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service (never routed by the gateway): dm-service, with the end user's token, claims that user's
 * uploads for a direct message (contract 1 of the brief).
 */
@RestController
@Tag(name = "Internal")
class ClaimController {

    private final AttachmentService service;

    ClaimController(AttachmentService service) {
        this.service = service;
    }

    public record ClaimResponse(List<AttachmentPayload> items) {}

    @PostMapping("/internal/attachments/claim")
    @Operation(summary = "Attach the caller's uploads to a direct message (idempotent for the same one)")
    ClaimResponse claim(AuthenticatedUser me, @Valid @RequestBody ClaimRequest request) {
        return new ClaimResponse(service.claim(
                me.userId(), request.attachmentIds(), request.directMessageId(), request.conversationId()));
    }
}
