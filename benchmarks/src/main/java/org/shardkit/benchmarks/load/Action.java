package org.shardkit.benchmarks.load;

/** The work of one request against a system, with every argument already drawn. */
@FunctionalInterface
interface Action {
    /** Runs the request; whatever it throws is counted as an error of its operation. */
    void run(LoadSystem system) throws Exception;
}
