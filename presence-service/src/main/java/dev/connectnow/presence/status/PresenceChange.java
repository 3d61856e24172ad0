package dev.connectnow.presence.status;

import dev.connectnow.chassis.validation.CodePoints;
import dev.connectnow.chassis.web.PatchField;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code PUT /api/presence/me}, with the PATCH convention of docs/api.md: a field left out stays as it is.
 * {@code status} is ONLINE or BUSY (AWAY and OFFLINE are the service's to decide: 400; null is a 400 too, there
 * is no "no status"); {@code statusText} is up to 100 code points on one line, null or {@code ""} clears it.
 * Anything else in the body is an unknown field (400).
 */
public record PresenceChange(
        PatchField<@NotNull(message = "must be ONLINE or BUSY") ChosenStatus> status,
        PatchField<
                        @CodePoints(max = STATUS_TEXT_MAX)
                        @Pattern(regexp = "\\P{Cc}*", message = "must be a single line without control characters")
                        String>
                statusText) {

    static final int STATUS_TEXT_MAX = 100;
}
