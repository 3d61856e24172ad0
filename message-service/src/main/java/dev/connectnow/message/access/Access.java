package dev.connectnow.message.access;

import dev.connectnow.chassis.web.ApiException;

/** The outcome of a permission rule; {@link #NOT_FOUND} hides that the thing exists at all. */
public enum Access {
    ALLOW,
    FORBIDDEN,
    NOT_FOUND;

    /** Throws the matching problem unless allowed. */
    public void require(String what) {
        switch (this) {
            case ALLOW -> {}
            case FORBIDDEN -> throw ApiException.forbidden("You are not allowed to " + what);
            case NOT_FOUND -> throw ApiException.notFound("Not found");
        }
    }
}
