/**
 * The social demo, the README's first command: four embedded PostgreSQL shards and a Redis, a
 * generated social graph seeded with {@code COPY}, a mixed workload of simulated agents timed with
 * HdrHistogram, one table of the results, and a Prometheus scrape endpoint while it runs. {@link
 * org.shardkit.examples.demo.SocialDemo#main} runs it; docs/demo.md describes it. An example, not a
 * library.
 */
@NullMarked
package org.shardkit.examples.demo;

import org.jspecify.annotations.NullMarked;
