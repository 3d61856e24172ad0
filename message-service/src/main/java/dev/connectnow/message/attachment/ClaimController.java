package dev.connectnow.message.attachment;

import dev.connectnow.chassis.security.AuthenticatedUser;
import dev.connectnow.events.message.MessageEvents.AttachmentPayload;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service (never routed by the gateway): dm-service, with the end user's token, claims that user's
 * uploads for a direct message (contract 1 of the brief).
 */
@RestController
@Tag(name = "Internal")
public class ClaimController {

    private final AttachmentService service;

    public ClaimController(AttachmentService service) {
        this.service = service;
    }

    public record ClaimRequest(
            @NotEmpty List<@NotNull UUID> attachmentIds,
            @NotNull UUID directMessageId,
            @NotNull UUID conversationId) {}

    public record ClaimResponse(List<AttachmentPayload> items) {}

    @PostMapping("/internal/attachments/claim")
    @Operation(summary = "Attach the caller's uploads to a direct message (idempotent for the same one)")
    public ClaimResponse claim(AuthenticatedUser me, @Valid @RequestBody ClaimRequest request) {
        return new ClaimResponse(service.claim(
                me.userId(), request.attachmentIds(), request.directMessageId(), request.conversationId()));
    }
}
