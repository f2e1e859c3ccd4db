package org.shardkit.benchmarks.load;

/**
 * One request a driver sends: the operation it is timed under and its work.
 *
 * @param operation the operation in the report
 * @param action the work
 */
record Request(Operation operation, Action action) {}
