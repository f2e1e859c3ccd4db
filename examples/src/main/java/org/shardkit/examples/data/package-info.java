/**
 * A deterministic social graph for demos and load tests, and a fast seeder that writes it into the
 * social schema. {@link org.shardkit.examples.data.SocialGraph#generate} draws agents, friendships,
 * interactions and communities from a {@link org.shardkit.examples.data.GraphSpec} (the same spec
 * always gives the same graph); {@link org.shardkit.examples.data.BulkSeeder} loads it with
 * PostgreSQL's {@code COPY}, in parallel, into a sharded database or one server ({@link
 * org.shardkit.examples.data.SeedTarget}), in the exact rows the repository itself would have written,
 * reporting each phase to a {@link org.shardkit.examples.data.SeedProgress}.
 *
 * <pre>{@code
 * SocialGraph graph = SocialGraph.generate(GraphSpec.defaults(100_000));
 * SeedReport report = BulkSeeder.builder(SeedTarget.sharded(db))
 *         .progress(p -> System.out.println(p))
 *         .build()
 *         .seed(graph);
 * long someone = graph.randomAgent(new SplittableRandom(7));
 * }</pre>
 *
 * <p>Part of the examples module: no compatibility promise.
 */
@NullMarked
package org.shardkit.examples.data;

import org.jspecify.annotations.NullMarked;
