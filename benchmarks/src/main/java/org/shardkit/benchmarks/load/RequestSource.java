package org.shardkit.benchmarks.load;

/**
 * Draws the requests of a workload. Implementations are thread-safe; the randomness comes from the
 * caller's {@link Draws}, so a source gives the same requests for the same draws.
 */
@FunctionalInterface
interface RequestSource {
    /**
     * Draws the next request.
     *
     * @param draws the caller's random streams (not shared between threads)
     * @return the request
     */
    Request next(Draws draws);
}
