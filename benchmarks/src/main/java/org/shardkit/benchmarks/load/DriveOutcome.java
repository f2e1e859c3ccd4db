package org.shardkit.benchmarks.load;

/**
 * What a driver did, beside the latencies it recorded.
 *
 * @param offeredRate requests per second intended inside the measured window (open loop), or
 *     {@link Double#NaN} for a closed loop, which offers whatever the system can take
 * @param measuredSeconds the length of the measured window in seconds
 * @param lost requests due in the window that were never sent (the system was too far behind when
 *     it ended), and requests sent but still queued when the drain deadline passed; recorded as
 *     errors (requests still running then are interrupted and recorded as errors, not counted here)
 */
record DriveOutcome(double offeredRate, double measuredSeconds, long lost) {}
