package dev.connectnow.channel.common;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.PageRequest;

import java.util.UUID;

/** Typed access to the parts of a decoded keyset cursor; a part of the wrong type is a 400, not a 500. */
public final class Cursors {

    public static UUID uuid(PageRequest page, int index) {
        try {
            return UUID.fromString(page.part(index));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    public static int integer(PageRequest page, int index) {
        try {
            return Integer.parseInt(page.part(index));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return ApiException.badRequest("cursor is not valid").with("field", "cursor");
    }

    private Cursors() {
    }
}
