package dev.connectnow.presence.visibility;

import dev.connectnow.chassis.web.ApiException;

/** The outcome of a permission rule; {@link #NOT_FOUND} hides that the thing exists at all. */
public enum Access {
    ALLOW,
    NOT_FOUND;

    /** Throws the matching problem unless allowed. */
    public void require() {
        if (this == NOT_FOUND) {
            throw ApiException.notFound("Not found");
        }
    }
}
