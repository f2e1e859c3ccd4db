package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.routing.tools.SkewStats;

class ConsistentHashRingTest extends ShardStrategyContract {

    @Override
    protected ShardStrategy create(int shardCount) {
        return ShardStrategies.ring(shardCount);
    }

    @Override
    protected void assertBalanced(SkewStats stats, int shardCount) {
        // Arcs are random, so a ring is not even within sampling noise; the goal is peak/mean <= 1.10 at the default.
        assertThat(stats.peakToMean()).isLessThanOrEqualTo(1.10);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 9})
    void withoutShard_anyShard_movesOnlyThatShardsKeys(int removed) {
        ConsistentHashRing before = ConsistentHashRing.of(10);
        ConsistentHashRing after = before.withoutShard(removed);
        RebalancePlan plan = RebalancePlan.between(before, after, keys());
        assertThat(after.shardIds()).doesNotContain(removed).hasSize(9);
        assertThat(plan.moves()).allSatisfy(m -> assertThat(m.fromShard()).isEqualTo(removed));
        long ownedBefore = 0;
        for (long key : keys()) {
            if (before.route(key) == removed) {
                ownedBefore++;
            }
        }
        assertThat((long) plan.movedCount()).isEqualTo(ownedBefore);
    }

    @Test
    void withShard_removedShardAddedBack_routesAsBefore() {
        ConsistentHashRing ring = ConsistentHashRing.of(5);
        ConsistentHashRing back = ring.withoutShard(2).withShard(2, 1);
        assertThat(RebalancePlan.between(ring, back, keys()).movedCount()).isZero();
    }

    @Test
    void route_shardOfWeightTwo_getsTwiceTheKeys() {
        ConsistentHashRing ring =
                ConsistentHashRing.builder().shard(0, 1).shard(1, 2).shard(2, 1).build();
        long[] counts = new long[3];
        for (long key : keys()) {
            counts[ring.route(key)]++;
        }
        assertThat(ring.weight(1)).isEqualTo(2);
        assertThat((double) counts[1] / KEY_COUNT).isCloseTo(0.5, within(0.02));
        assertThat((double) counts[0] / KEY_COUNT).isCloseTo(0.25, within(0.02));
    }

    @Test
    void route_keyAfterLastPoint_wrapsToFirstPointsShard() {
        ConsistentHashRing ring = ConsistentHashRing.builder()
                .virtualNodes(3)
                .shard(7, 1)
                .shard(8, 1)
                .build();
        // Recompute the ring's points from its documented placement to find the last and first points.
        long last = 0;
        long first = 0;
        int firstOwner = -1;
        boolean seen = false;
        for (int shard : new int[] {7, 8}) {
            for (int r = 0; r < 3; r++) {
                long p = ConsistentHashRing.point(shard, r);
                if (!seen || Long.compareUnsigned(p, last) > 0) {
                    last = p;
                }
                if (!seen || Long.compareUnsigned(p, first) < 0) {
                    first = p;
                    firstOwner = shard;
                }
                seen = true;
            }
        }
        long found = 0;
        boolean any = false;
        for (long key : keys()) {
            if (Long.compareUnsigned(KeyHash.mix(key) >>> 20, last >>> 20) > 0) {
                found = key;
                any = true;
                break;
            }
        }
        assertThat(any).as("a sample key beyond the last point").isTrue();
        assertThat(ring.route(found)).isEqualTo(firstOwner);
        assertThat(ring.pointCount()).isEqualTo(6);
    }

    @Test
    void builder_badArguments_throwNamingValue() {
        assertThatThrownBy(() -> ConsistentHashRing.builder().shard(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight must be positive, but was 0");
        assertThatThrownBy(() -> ConsistentHashRing.builder().shard(-3, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardId must not be negative, but was -3");
        assertThatThrownBy(() -> ConsistentHashRing.builder().virtualNodes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("virtualNodes must be positive, but was 0");
        assertThatThrownBy(() -> ConsistentHashRing.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one shard");
        assertThatThrownBy(() -> ConsistentHashRing.builder()
                        .virtualNodes(1 << 20)
                        .shard(0, 64)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 67108864");
    }

    @Test
    void withoutShard_unknownOrLastShard_throwsNamingShard() {
        assertThatThrownBy(() -> ConsistentHashRing.of(3).withoutShard(42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardId 42 is not on the ring; shards are [0, 1, 2]");
        assertThatThrownBy(() -> ConsistentHashRing.of(1).withoutShard(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last shard");
        assertThatThrownBy(() -> ConsistentHashRing.of(3).withShard(5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("weight must be positive, but was 0");
    }

    @Test
    void of_defaultVirtualNodes_isDocumentedValue() {
        ConsistentHashRing ring = ConsistentHashRing.of(4);
        assertThat(ring.virtualNodes())
                .isEqualTo(ConsistentHashRing.DEFAULT_VIRTUAL_NODES)
                .isEqualTo(2048);
        assertThat(ring.pointCount()).isEqualTo(4 * 2048);
    }
}
