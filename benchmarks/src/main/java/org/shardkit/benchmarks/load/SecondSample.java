package org.shardkit.benchmarks.load;

/**
 * One interval of a run's timeline, all operations together.
 *
 * @param second seconds from the start of the measured window to the end of the interval
 * @param opsPerSecond requests that ended in the interval, per second of it
 * @param p99Ms their 99th-percentile latency in milliseconds (0 if none ended)
 */
public record SecondSample(double second, double opsPerSecond, double p99Ms) {}
