package org.shardkit.benchmarks.load;

/**
 * What a driver did, beside the latencies it recorded.
 *
 * @param offeredRate requests per second intended inside the measured window (open loop), or
 *     {@link Double#NaN} for a closed loop, which offers whatever the system can take
 * @param measuredSeconds the length of the measured window in seconds
 * @param lost requests due in the window that were never sent (the system was too far behind when
 *     it ended) or were still unfinished when the drain deadline passed; recorded as errors
 */
record DriveOutcome(double offeredRate, double measuredSeconds, long lost) {}
