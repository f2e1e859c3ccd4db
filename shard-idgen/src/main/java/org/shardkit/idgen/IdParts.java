package org.shardkit.idgen;

import java.time.Instant;

/**
 * The parts of a decoded ID. Immutable and thread-safe.
 *
 * @param timestamp the millisecond the ID was issued in
 * @param workerId the worker that issued it
 * @param sequence its sequence within that millisecond and worker
 */
public record IdParts(Instant timestamp, long workerId, long sequence) {}
