package org.shardkit.benchmarks;

import com.google.common.hash.Hashing;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * Cost of routing one {@code long} key with each built-in strategy, beside Guava's {@code Hashing.consistentHash} as
 * the baseline for jump.
 *
 * <p>Keys come from a precomputed array of 65,536 random longs walked by a counter, so the JIT can neither constant-fold
 * the key nor predict the branch pattern of one key; every method pays the same counter cost. Run from the repository
 * root:
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ShardStrategyBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 *
 * <p>Targets (issue 4): jump ≤ 60 ns/op and ≤ 1.1 × {@code guavaJump} at n = 1,000; ring ≤ 150 ns/op at n = 1,000.
 * Not thread-safe: JMH gives each benchmark thread its own state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ShardStrategyBenchmark {

    private static final int KEY_COUNT = 1 << 16;
    private static final int KEY_MASK = KEY_COUNT - 1;

    /** Number of shards. */
    @Param({"4", "64", "1000"})
    public int n;

    private final long[] keys = new long[KEY_COUNT];
    private int next;

    private ShardStrategy modulo = ShardStrategies.modulo(1);
    private ShardStrategy hashModulo = ShardStrategies.hashModulo(1);
    private ShardStrategy ring = ShardStrategies.ring(1);
    private ShardStrategy jump = ShardStrategies.jump(1);

    /** Builds the strategies for {@link #n} and fills the key array from a fixed seed. */
    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < KEY_COUNT; i++) {
            keys[i] = random.nextLong();
        }
        modulo = ShardStrategies.modulo(n);
        hashModulo = ShardStrategies.hashModulo(n);
        ring = ShardStrategies.ring(n);
        jump = ShardStrategies.jump(n);
    }

    private long nextKey() {
        return keys[next++ & KEY_MASK];
    }

    /** Raw {@code floorMod(key, n)}. */
    @Benchmark
    public int modulo() {
        return modulo.route(nextKey());
    }

    /** SplitMix64 mix, then unsigned remainder. */
    @Benchmark
    public int hashModulo() {
        return hashModulo.route(nextKey());
    }

    /** Consistent-hash ring at the default virtual-node count (2,048 per shard). */
    @Benchmark
    public int ring() {
        return ring.route(nextKey());
    }

    /** Our jump consistent hash. */
    @Benchmark
    public int jump() {
        return jump.route(nextKey());
    }

    /** Baseline: Guava's jump consistent hash. */
    @Benchmark
    public int guavaJump() {
        return Hashing.consistentHash(nextKey(), n);
    }
}
