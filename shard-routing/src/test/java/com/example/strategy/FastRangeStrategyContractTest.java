package com.example.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.shardkit.routing.KeyHash;
import org.shardkit.routing.RebalancePlan;
import org.shardkit.routing.ShardStrategyContract;
import org.shardkit.routing.StrategyKind;
import org.shardkit.routing.spi.ShardStrategy;

/**
 * An outside implementer's test, in a package of its own: it sees only what shard-routing's test jar publishes, so it
 * fails to compile or run if the contract's tests or hooks stop being visible outside {@code org.shardkit.routing}.
 */
class FastRangeStrategyContractTest extends ShardStrategyContract {

    /** Lemire's fast range over the mixed key: the top 32 bits of the hash scaled to the shard count. */
    record FastRangeStrategy(int shardCount) implements ShardStrategy {
        FastRangeStrategy {
            if (shardCount <= 0) {
                throw new IllegalArgumentException("shardCount must be positive, but was " + shardCount);
            }
        }

        @Override
        public int route(long key) {
            return (int) (((KeyHash.mix(key) >>> 32) * shardCount) >>> 32);
        }

        @Override
        public int[] shardIds() {
            return IntStream.range(0, shardCount).toArray();
        }

        @Override
        public String name() {
            return "fast-range";
        }
    }

    @Override
    protected ShardStrategy create(int shardCount) {
        return new FastRangeStrategy(shardCount);
    }

    /** Not consistent: every range boundary shifts when a shard is added, which moves about half of the keys. */
    @Override
    protected void assertMovement(RebalancePlan plan, int shardCount, int addedShard) {
        assertThat(plan.movedFraction()).isCloseTo(0.5, within(0.05));
    }

    @Test
    void name_outsideStrategy_isNotARegistryName() {
        assertThat(StrategyKind.names().split(", ")).doesNotContain(create(3).name());
        assertThat(keys()).hasSize(KEY_COUNT);
    }
}
