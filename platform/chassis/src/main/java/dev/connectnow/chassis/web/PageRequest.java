package dev.connectnow.chassis.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * {@code ?limit=&cursor=} of a keyset-paged list. Limits above the maximum are capped rather than refused;
 * cursors are opaque to clients (base64url of the key parts) and a cursor that does not decode is a 400.
 */
public record PageRequest(int limit, List<String> cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public static PageRequest of(Integer limit, String cursor, int expectedCursorParts) {
        int effective = limit == null ? DEFAULT_LIMIT : limit;
        if (effective < 1) {
            throw ApiException.invalidField("limit", "must be at least 1");
        }
        return new PageRequest(Math.min(effective, MAX_LIMIT), decode(cursor, expectedCursorParts));
    }

    public boolean first() {
        return cursor.isEmpty();
    }

    public String part(int index) {
        return cursor.get(index);
    }

    /** A cursor part that must be a UUID; anything else is the client's bad cursor, a 400. */
    public UUID uuidPart(int index) {
        try {
            return UUID.fromString(part(index));
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }

    public int intPart(int index) {
        try {
            return Integer.parseInt(part(index));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    public long longPart(int index) {
        try {
            return Long.parseLong(part(index));
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
    }

    private static ApiException invalidCursor() {
        return ApiException.invalidField("cursor", "is not a valid cursor");
    }

    public static String encode(Object... parts) {
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                joined.append('\n');
            }
            joined.append(parts[i]);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(joined.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> decode(String cursor, int expectedParts) {
        if (cursor == null || cursor.isEmpty()) {
            return List.of();
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(decoded.split("\n", -1));
            if (parts.size() != expectedParts) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
    }
}
