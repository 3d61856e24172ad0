package dev.connectnow.chassis.web;

import java.util.List;
import java.util.function.Function;

/** The list shape of the public API: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only tells whether
     * another page exists, and the cursor points after the last returned row.
     */
    public static <R, T> Page<T> of(
            List<R> rowsPlusOne, int limit, Function<R, T> toItem, Function<R, String> cursorOf) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String next = more ? cursorOf.apply(rows.get(rows.size() - 1)) : null;
        return new Page<>(rows.stream().map(toItem).toList(), next);
    }

    public <U> Page<U> map(Function<T, U> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
