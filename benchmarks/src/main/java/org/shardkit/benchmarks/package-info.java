/**
 * JMH benchmarks, each beside its baseline (raw pgjdbc, raw Jedis, a peer library). Never run by {@code verify}.
 */
@NullMarked
package org.shardkit.benchmarks;

import org.jspecify.annotations.NullMarked;
