package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.routing.tools.IdSources;
import org.shardkit.routing.tools.SkewStats;

class JumpStrategyTest extends ShardStrategyContract {

    @Override
    protected ShardStrategy create(int shardCount) {
        return ShardStrategies.jump(shardCount);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 10, 64, 1000, 65_536, Integer.MAX_VALUE})
    void route_anyKey_sameAsGuavaConsistentHash(int shardCount) {
        ShardStrategy jump = create(shardCount);
        long[] keys = keys();
        for (int i = 0; i < 200_000; i++) {
            assertThat(jump.route(keys[i])).isEqualTo(Hashing.consistentHash(keys[i], shardCount));
        }
        for (long key = -1000; key < 1000; key++) {
            assertThat(jump.route(key)).isEqualTo(Hashing.consistentHash(key, shardCount));
        }
    }

    @Test
    void route_lowRateSnowflakeKeys_evenWithinSamplingNoise() {
        SkewStats stats = SkewStats.measure(create(16), IdSources.snowflake(1, 1), 1_000_000);
        assertThat(stats.chiSquare()).isLessThan(stats.chiSquareCritical001());
    }
}
