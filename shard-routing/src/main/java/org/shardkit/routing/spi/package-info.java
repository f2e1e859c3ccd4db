/**
 * The extension point of routing: {@link org.shardkit.routing.spi.ShardStrategy}, which maps a {@code long} key to a
 * shard id. Implementations outside shardkit should pass the contract test that every built-in strategy passes.
 *
 * <p>The contract test, {@code org.shardkit.routing.ShardStrategyContract}, ships in shard-routing's test jar. Depend on
 * it with test scope, beside JUnit Jupiter ({@code junit-jupiter-api} and {@code junit-jupiter-params}) and AssertJ,
 * which it uses but does not bring:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>org.shardkit</groupId>
 *   <artifactId>shard-routing</artifactId>
 *   <version>${shardkit.version}</version>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <p>Then extend it in any package and implement {@code create(int shardCount)}, which returns your strategy over
 * shards {@code 0..shardCount-1}; the inherited tests check determinism, results in range, balance of 1,000,000 random
 * keys, movement when growing from n to n + 1 shards, and rejection of a shard count below 1. Override the protected
 * hooks {@code grow}, {@code assertMovement} or {@code assertBalanced} where your strategy promises something else, as
 * hash-modulo does for movement:
 *
 * <pre>{@code
 * class RangeStrategyTest extends ShardStrategyContract {
 *     @Override
 *     protected ShardStrategy create(int shardCount) {
 *         return new RangeStrategy(shardCount);
 *     }
 *
 *     @Override
 *     protected void assertMovement(RebalancePlan plan, int shardCount, int addedShard) {
 *         assertThat(plan.movedFraction()).isLessThan(0.6); // not consistent: say what it does promise
 *     }
 * }
 * }</pre>
 */
@NullMarked
package org.shardkit.routing.spi;

import org.jspecify.annotations.NullMarked;
