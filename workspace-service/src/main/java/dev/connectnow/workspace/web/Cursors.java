package dev.connectnow.workspace.web;

import dev.connectnow.chassis.web.ApiException;
import dev.connectnow.chassis.web.PageRequest;

import java.util.UUID;

/** Keyset cursors of this service are a single UUIDv7 (the last row's id); the first page starts below all. */
public final class Cursors {

    /** Sorts before every UUID in PostgreSQL's (unsigned, bytewise) uuid order. */
    public static final UUID BEFORE_ALL = new UUID(0L, 0L);

    public static UUID after(PageRequest page) {
        if (page.first()) {
            return BEFORE_ALL;
        }
        try {
            return UUID.fromString(page.part(0));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cursor is not valid").with("field", "cursor");
        }
    }

    private Cursors() {
    }
}
