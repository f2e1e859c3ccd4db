package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.routing.tools.IdSources;
import org.shardkit.routing.tools.SkewStats;

class HashModuloStrategyTest extends ShardStrategyContract {

    @Override
    protected ShardStrategy create(int shardCount) {
        return ShardStrategies.hashModulo(shardCount);
    }

    /** Documents the cost of modulo-style routing: adding a shard moves about n/(n+1) of all keys, not 1/(n+1). */
    @Override
    protected void assertMovement(RebalancePlan plan, int shardCount, int addedShard) {
        assertThat(plan.movedFraction()).isCloseTo((double) shardCount / (shardCount + 1), within(0.005));
    }

    @Test
    void route_mixesBeforeModulo() {
        assertThat(create(7).route(42)).isEqualTo((int) Long.remainderUnsigned(KeyHash.mix(42), 7));
    }

    @Test
    void route_lowRateSnowflakeKeys_evenWithinSamplingNoise() {
        SkewStats stats = SkewStats.measure(create(16), IdSources.snowflake(1, 1), 1_000_000);
        assertThat(stats.chiSquare()).isLessThan(stats.chiSquareCritical001());
    }
}
