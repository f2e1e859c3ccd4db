/**
 * Command-line tools for operators, not library code: {@link org.shardkit.routing.tools.SkewReport} simulates an ID
 * source against a strategy and prints the load per shard. Classes here may print to {@code System.out}.
 */
@NullMarked
package org.shardkit.routing.tools;

import org.jspecify.annotations.NullMarked;
