package dev.connectnow.presence.status;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;

/**
 * What a user chose with {@code PUT /api/presence/me}: ONLINE lets the service decide between ONLINE and AWAY
 * from activity; BUSY is shown whenever the user has a socket, across reconnects, until they choose again.
 */
public enum ChosenStatus {
    ONLINE,
    BUSY;

    /** Only the exact names: no ordinals, no other case (Jackson would take {@code 1} for BUSY). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ChosenStatus fromJson(String name) {
        return Arrays.stream(values())
                .filter(status -> status.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be ONLINE or BUSY"));
    }
}
