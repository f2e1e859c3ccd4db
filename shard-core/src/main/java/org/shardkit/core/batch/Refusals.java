package org.shardkit.core.batch;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one attempt of a batch that a {@link BatchSink} refused by a rule of its own, each
 * with the exception its writer's future fails with. Not thread-safe: one attempt, one thread.
 */
public final class Refusals {
    private final @Nullable RuntimeException[] reasons;
    private int count;

    Refusals(int rows) {
        this.reasons = new RuntimeException[rows];
    }

    /**
     * Refuses the row at {@code index} of the batch: it is not written and its future fails with
     * {@code reason}; a second refusal of the same row keeps the first reason.
     *
     * @param index the row's index in the batch's list
     * @param reason what the writer's caller gets, e.g. a domain exception naming the rule
     * @throws IndexOutOfBoundsException if {@code index} is not in the batch
     */
    public void refuse(int index, RuntimeException reason) {
        Objects.requireNonNull(reason, "reason");
        Objects.checkIndex(index, reasons.length);
        if (reasons[index] == null) {
            reasons[index] = reason;
            count++;
        }
    }

    /** Tells whether the row at {@code index} was refused. */
    public boolean isRefused(int index) {
        return reasons[Objects.checkIndex(index, reasons.length)] != null;
    }

    /** Returns the number of rows refused so far. */
    public int count() {
        return count;
    }

    @Nullable
    RuntimeException reason(int index) {
        return reasons[index];
    }

    @Override
    public String toString() {
        return "Refusals{" + count + " of " + reasons.length + ", "
                + Arrays.stream(reasons)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .map(Throwable::getMessage)
                        .orElse("none") + "}";
    }
}
