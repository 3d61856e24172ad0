package dev.connectnow.presence.status;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.connectnow.chassis.validation.CodePoints;
import jakarta.validation.constraints.Pattern;

/**
 * {@code PUT /api/presence/me}: {@code status} ONLINE or BUSY (AWAY and OFFLINE are the service's to decide:
 * 400), {@code statusText} up to 100 code points on one line. A field left out stays as it is; statusText
 * {@code null} or {@code ""} clears it; status {@code null} is a 400 (there is no "no status"). Anything else
 * in the body is an unknown field (400). A class with setters rather than a record, because only setters tell
 * "absent" from "null".
 */
public final class PresenceChange {

    static final int STATUS_TEXT_MAX = 100;

    private ChosenStatus status;

    @CodePoints(max = STATUS_TEXT_MAX)
    @Pattern(regexp = "\\P{Cc}*", message = "must be a single line without control characters")
    private String statusText;

    private boolean statusSent;
    private boolean statusTextSent;

    public ChosenStatus getStatus() {
        return status;
    }

    public void setStatus(ChosenStatus status) {
        this.status = status;
        this.statusSent = true;
    }

    public String getStatusText() {
        return statusText;
    }

    public void setStatusText(String statusText) {
        this.statusText = statusText;
        this.statusTextSent = true;
    }

    @JsonIgnore
    public boolean statusSent() {
        return statusSent;
    }

    @JsonIgnore
    public boolean statusTextSent() {
        return statusTextSent;
    }
}
