package dev.connectnow.workspace.web;

import java.util.UUID;

/** Keyset cursors of this service are a single UUIDv7 (the last row's id); the first page starts below all. */
public final class Cursors {

    /** Sorts before every UUID in PostgreSQL's (unsigned, bytewise) uuid order. */
    public static final UUID BEFORE_ALL = new UUID(0L, 0L);

    private Cursors() {}
}
