package org.shardkit.social;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list read by keyset: its items and the cursor of the next page.
 *
 * @param items the items, in the list's order
 * @param nextCursor the opaque cursor to pass for the next page, or null on the last page
 * @param <T> the item type
 */
public record Page<T>(List<T> items, @Nullable String nextCursor) {
    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /** Returns the next page's cursor, if there is a next page. */
    public Optional<String> next() {
        return Optional.ofNullable(nextCursor);
    }
}
