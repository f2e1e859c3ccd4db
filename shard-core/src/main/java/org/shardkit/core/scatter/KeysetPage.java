package org.shardkit.core.scatter;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a cross-shard keyset pagination: the rows, and the cursor to ask for the next page
 * with ({@code WHERE (sort_key, id) > (:cursor) ORDER BY sort_key, id LIMIT :pageSize} on every
 * shard). No OFFSET is involved, so a deep page costs what the first one costs.
 *
 * @param items the page's rows, in order
 * @param nextCursor the cursor after the last row, or null when there is nothing more
 * @param <T> the row type
 * @param <C> the cursor type
 */
public record KeysetPage<T, C>(List<T> items, @Nullable C nextCursor) {

    /** Copies the rows. */
    public KeysetPage {
        items = List.copyOf(items);
    }

    /** Returns the next page's cursor, if there may be a next page. */
    public Optional<C> next() {
        return Optional.ofNullable(nextCursor);
    }
}
