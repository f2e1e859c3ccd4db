package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.routing.tools.IdSources;
import org.shardkit.routing.tools.SkewStats;

/**
 * The contract every {@link ShardStrategy} passes: determinism, results in range, balance over 1,000,000 random keys,
 * and (for consistent strategies) minimal movement when growing from n to n + 1 shards.
 *
 * <p>Every built-in strategy's test extends it, and so can a strategy written outside shardkit: depend on
 * {@code org.shardkit:shard-routing:<version>:test-jar} (type {@code test-jar}, scope {@code test}, with JUnit Jupiter
 * and AssertJ beside it), extend this class in any package, and implement {@link #create(int)}. The test methods are
 * public, so JUnit 5 runs them on a subclass in another package. Where a strategy promises something else, override
 * the protected hooks: {@link #grow} (how a shard is added), {@link #assertMovement} (what may move then; the default
 * is a consistent strategy's promise) and {@link #assertBalanced} (how even the load must be).
 *
 * <pre>{@code
 * class MyStrategyTest extends ShardStrategyContract {
 *     @Override
 *     protected ShardStrategy create(int shardCount) {
 *         return new MyStrategy(shardCount);
 *     }
 * }
 * }</pre>
 *
 * <p>The keys are fixed ({@link #KEY_SEED}), so a failure repeats. Not thread-safe; JUnit makes one instance per test.
 */
public abstract class ShardStrategyContract {

    /** How many random keys the balance and movement tests route: 1,000,000. */
    protected static final int KEY_COUNT = 1_000_000;

    /** The seed of the random keys of {@link #keys()}. */
    protected static final long KEY_SEED = 0x5EED_2024L;

    private static final long[] KEYS = randomKeys(KEY_COUNT, KEY_SEED);

    /** Creates the contract; subclasses implement {@link #create(int)}. */
    protected ShardStrategyContract() {}

    /**
     * Returns the strategy under test over shards {@code 0..shardCount-1}.
     *
     * @param shardCount the number of shards; below 1 it must throw {@link IllegalArgumentException} naming the value
     * @return a new strategy
     */
    protected abstract ShardStrategy create(int shardCount);

    /**
     * Returns the strategy after one shard is added; by default a fresh strategy over {@code n + 1} shards.
     *
     * @param strategy the strategy over {@code shardCount} shards
     * @param shardCount its number of shards
     * @return a strategy with exactly one more shard
     */
    protected ShardStrategy grow(ShardStrategy strategy, int shardCount) {
        return create(shardCount + 1);
    }

    /**
     * Asserts what moves when one shard is added; by default a consistent strategy's promise: keys move only to the
     * new shard, and no more than 1.1 × its fair share 1/(n+1).
     *
     * @param plan the keys of {@link #keys()} that moved
     * @param shardCount the number of shards before
     * @param addedShard the id of the added shard
     */
    protected void assertMovement(RebalancePlan plan, int shardCount, int addedShard) {
        assertThat(plan.moves()).allSatisfy(m -> assertThat(m.toShard()).isEqualTo(addedShard));
        assertThat(plan.movedFraction()).isLessThanOrEqualTo(1.1 / (shardCount + 1));
        assertThat(plan.movedFraction()).isGreaterThan(0.9 / (shardCount + 1));
    }

    /**
     * Asserts the load of 1,000,000 random keys; by default it must be even within sampling noise.
     *
     * @param stats the load per shard
     * @param shardCount the number of shards
     */
    protected void assertBalanced(SkewStats stats, int shardCount) {
        assertThat(stats.chiSquare())
                .as("chi-square of %d shards (critical at p=0.001 is %.1f)", shardCount, stats.chiSquareCritical001())
                .isLessThan(stats.chiSquareCritical001());
        assertThat(stats.peakToMean()).isLessThan(1 + 5 / Math.sqrt(stats.mean()));
    }

    /**
     * Returns {@code count} keys from a {@link SplittableRandom} seeded with {@code seed}.
     *
     * @param count how many keys
     * @param seed the seed
     * @return the keys
     */
    protected static long[] randomKeys(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = random.nextLong();
        }
        return keys;
    }

    /**
     * Returns the {@link #KEY_COUNT} random keys the contract routes; shared, so never modify the array.
     *
     * @return the keys
     */
    protected static long[] keys() {
        return KEYS;
    }

    /** Two instances of the same configuration route every key alike. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 10, 100})
    public void route_sameKeyOnTwoInstances_sameShard(int shardCount) {
        ShardStrategy a = create(shardCount);
        ShardStrategy b = create(shardCount);
        for (int i = 0; i < 100_000; i++) {
            long key = KEYS[i];
            assertThat(b.route(key)).isEqualTo(a.route(key));
        }
    }

    /** Every key, edge values included, routes to one of {@link ShardStrategy#shardIds()}. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 1000})
    public void route_anyKey_returnsOneOfShardIds(int shardCount) {
        ShardStrategy strategy = create(shardCount);
        int[] ids = strategy.shardIds();
        assertThat(ids).hasSize(shardCount).isSorted();
        assertThat(strategy.shardCount()).isEqualTo(shardCount);
        long[] edge = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32};
        for (long key : edge) {
            assertThat(ids).contains(strategy.route(key));
        }
        for (int i = 0; i < 100_000; i++) {
            assertThat(Arrays.binarySearch(ids, strategy.route(KEYS[i]))).isNotNegative();
        }
    }

    /** 1,000,000 random keys load the shards as {@link #assertBalanced} demands. */
    @ParameterizedTest
    @ValueSource(ints = {3, 10, 50, 100})
    public void route_millionRandomKeys_balanced(int shardCount) {
        ShardStrategy strategy = create(shardCount);
        long[] next = {0};
        SkewStats stats = SkewStats.measure(strategy, () -> KEYS[(int) next[0]++], KEY_COUNT);
        assertThat(stats.total()).isEqualTo(KEY_COUNT);
        assertBalanced(stats, shardCount);
    }

    /** Growing from n to n + 1 shards moves what {@link #assertMovement} allows. */
    @ParameterizedTest
    @ValueSource(ints = {3, 10, 50, 100})
    public void grow_nToNPlusOne_movesWhatTheStrategyPromises(int shardCount) {
        ShardStrategy before = create(shardCount);
        ShardStrategy after = grow(before, shardCount);
        int[] added = Arrays.stream(after.shardIds())
                .filter(id -> Arrays.binarySearch(before.shardIds(), id) < 0)
                .toArray();
        assertThat(added).hasSize(1);
        assertMovement(RebalancePlan.between(before, after, KEYS), shardCount, added[0]);
    }

    /** A shard count below 1 is rejected with a message naming it and its value. */
    @Test
    public void create_zeroOrNegativeShardCount_throwsNamingValue() {
        assertThatThrownBy(() -> create(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shardCount")
                .hasMessageContaining("but was 0");
        assertThatThrownBy(() -> create(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was -5");
    }

    /** Low-rate snowflake IDs reach every one of 16 shards. */
    @Test
    public void route_snowflakeKeys_allShardsUsed() {
        // Documents the key shapes each strategy copes with; modulo overrides this to show where it fails.
        ShardStrategy strategy = create(16);
        SkewStats stats = SkewStats.measure(strategy, IdSources.snowflake(1, 1), 100_000);
        assertThat(stats.counts()).allSatisfy(c -> assertThat(c.count()).isPositive());
    }
}
