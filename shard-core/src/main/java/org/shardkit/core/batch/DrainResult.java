package org.shardkit.core.batch;

import java.time.Duration;

/**
 * What closing a {@link BatchWriter} left: the rows it could not write within the close timeout
 * (their futures failed, or their batch was still being written), and how long closing took.
 *
 * @param undrained rows not written when the writer closed
 * @param took how long closing took
 */
public record DrainResult(int undrained, Duration took) {
    /** Tells whether every row was written (or failed for its own reason) before closing returned. */
    public boolean complete() {
        return undrained == 0;
    }
}
