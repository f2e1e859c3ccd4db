package org.shardkit.core.scatter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Merges per-shard results. Top-k and pages are k-way merges of lists each shard already sorted
 * (ORDER BY ... LIMIT k): they read at most {@code k} rows plus one per shard, and never sort the
 * union. Thread-safe (stateless).
 */
public final class Merge {
    private Merge() {}

    /**
     * Concatenates per-shard lists in the order given (shard order for a {@link ScatterResult}).
     *
     * @param lists the lists
     * @param <T> the row type
     * @return one list
     */
    public static <T> List<T> concat(Collection<? extends List<? extends T>> lists) {
        Objects.requireNonNull(lists, "lists");
        int size = 0;
        for (List<? extends T> list : lists) {
            size += list.size();
        }
        List<T> out = new ArrayList<>(size);
        for (List<? extends T> list : lists) {
            out.addAll(list);
        }
        return out;
    }

    /**
     * Returns the first {@code k} rows of the union of per-shard lists that are each sorted by
     * {@code order}.
     *
     * @param sortedLists per-shard lists, each sorted by {@code order}
     * @param k how many rows, {@code >= 0}
     * @param order the order the lists are sorted by
     * @param <T> the row type
     * @return up to {@code k} rows, sorted
     * @throws IllegalArgumentException if {@code k < 0}
     */
    public static <T> List<T> topK(
            Collection<? extends List<? extends T>> sortedLists, int k, Comparator<? super T> order) {
        Objects.requireNonNull(sortedLists, "sortedLists");
        Objects.requireNonNull(order, "order");
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, but was " + k);
        }
        List<T> out = new ArrayList<>(Math.min(k, 1024));
        if (k == 0) {
            return out;
        }
        PriorityQueue<Head<T>> heads =
                new PriorityQueue<>(Math.max(1, sortedLists.size()), (a, b) -> order.compare(a.value, b.value));
        for (List<? extends T> list : sortedLists) {
            Iterator<? extends T> it = list.iterator();
            if (it.hasNext()) {
                heads.add(new Head<>(it.next(), it));
            }
        }
        while (out.size() < k && !heads.isEmpty()) {
            Head<T> head = heads.poll();
            out.add(head.value);
            if (head.rest.hasNext()) {
                T next = head.rest.next();
                if (order.compare(next, head.value) < 0) {
                    throw new IllegalArgumentException(
                            "a shard's list is not sorted by the given order: " + next + " comes after " + head.value);
                }
                heads.add(new Head<>(next, head.rest));
            }
        }
        return out;
    }

    /**
     * Returns one keyset page from per-shard pages, each the shard's first {@code pageSize} rows
     * after the cursor, sorted by {@code order}.
     *
     * @param sortedPages per-shard pages, each sorted and at most {@code pageSize} long
     * @param pageSize the page size, {@code >= 1}
     * @param order the order, which must match the cursor's key
     * @param cursorOf the cursor of a row (its sort key and a unique tie-breaker)
     * @param <T> the row type
     * @param <C> the cursor type
     * @return the page and the next cursor
     */
    public static <T, C> KeysetPage<T, C> page(
            Collection<? extends List<? extends T>> sortedPages,
            int pageSize,
            Comparator<? super T> order,
            Function<? super T, ? extends C> cursorOf) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be >= 1, but was " + pageSize);
        }
        Objects.requireNonNull(cursorOf, "cursorOf");
        int available = 0;
        boolean someShardFull = false;
        for (List<? extends T> page : sortedPages) {
            available += page.size();
            someShardFull |= page.size() >= pageSize;
        }
        List<T> items = topK(sortedPages, pageSize, order);
        boolean more = available > pageSize || someShardFull;
        C next = more && !items.isEmpty() ? cursorOf.apply(items.get(items.size() - 1)) : null;
        return new KeysetPage<>(items, next);
    }

    private static final class Head<T> {
        final T value;
        final Iterator<? extends T> rest;

        Head(T value, Iterator<? extends T> rest) {
            this.value = value;
            this.rest = rest;
        }
    }
}
