package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.routing.tools.SkewStats;

/** A topology is itself a strategy, so it passes the contract too; growing means {@link Topology#withShardAdded}. */
class TopologyTest extends ShardStrategyContract {

    @Override
    protected ShardStrategy create(int shardCount) {
        return Topology.of(shardCount);
    }

    @Override
    protected ShardStrategy grow(ShardStrategy strategy, int shardCount) {
        return ((Topology) strategy).withShardAdded(shardCount);
    }

    @Override
    protected void assertBalanced(SkewStats stats, int shardCount) {
        // 4,096 buckets do not divide evenly by every n: a shard holds floor or ceil of 4096/n buckets.
        double quantum = Math.ceil(4096.0 / shardCount) / (4096.0 / shardCount);
        assertThat(stats.peakToMean()).isLessThan(quantum + 5 / Math.sqrt(stats.mean()));
    }

    @Test
    void of_threeShards_contiguousBucketsVersionOne() {
        Topology t = Topology.of(3);
        assertThat(t.version()).isEqualTo(1);
        assertThat(t.bucketCount()).isEqualTo(4096);
        assertThat(t.shardOfBucket(0)).isZero();
        assertThat(t.shardOfBucket(1365)).isZero();
        assertThat(t.shardOfBucket(1366)).isEqualTo(1);
        assertThat(t.shardOfBucket(4095)).isEqualTo(2);
        assertThat(t.bucketsOf(0)).hasSize(1366);
    }

    @Test
    void route_key_isShardOfItsBucket() {
        Topology t = Topology.of(8);
        for (long key = 0; key < 10_000; key++) {
            int bucket = t.bucketOf(key);
            assertThat(bucket).isEqualTo((int) (KeyHash.mix(key) & 4095));
            assertThat(t.route(key)).isEqualTo(t.shardOfBucket(bucket));
        }
    }

    @Test
    void withBucketMoved_movesOneBucketAndBumpsVersion() {
        Topology v1 = Topology.of(4);
        Topology v2 = v1.withBucketMoved(17, 3);
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.shardOfBucket(17)).isEqualTo(3);
        assertThat(v1.shardOfBucket(17)).isZero();
        RebalancePlan plan = RebalancePlan.between(v1, v2);
        assertThat(plan.unit()).isEqualTo(RebalancePlan.Unit.BUCKET);
        assertThat(plan.moves()).containsExactly(new RebalancePlan.Move(17, 0, 3));
        assertThat(plan.movedFraction()).isEqualTo(1.0 / 4096);
        assertThat(v1.withBucketMoved(17, 0)).isSameAs(v1);
    }

    @Test
    void withBucketsMoved_severalBuckets_oneVersionStep() {
        Topology v2 = Topology.of(4).withBucketsMoved(Map.of(1, 2, 2, 2, 3, 1));
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.shardOfBucket(2)).isEqualTo(2);
    }

    @Test
    void withShardAdded_thenRemoved_movesOnlyNewShardsBuckets() {
        Topology v1 = Topology.of(3);
        Topology v2 = v1.withShardAdded(3);
        RebalancePlan grow = RebalancePlan.between(v1, v2);
        assertThat(grow.movedCount()).isEqualTo(4096 / 4);
        assertThat(grow.flows()).allSatisfy(f -> assertThat(f.toShard()).isEqualTo(3));
        assertThat(grow.flows()).extracting(RebalancePlan.Flow::count).containsExactly(342L, 341L, 341L);
        Topology v3 = v2.withShardRemoved(1);
        RebalancePlan shrink = RebalancePlan.between(v2, v3);
        assertThat(shrink.moves()).allSatisfy(m -> assertThat(m.fromShard()).isEqualTo(1));
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.shardIds()).containsExactly(0, 2, 3);
        for (int shard : v3.shardIds()) {
            assertThat(v3.bucketsOf(shard).length).isBetween(1365, 1366);
        }
    }

    @Test
    void toYaml_fromYaml_roundTrips() {
        Topology t = Topology.of(3).withShardAdded(3).withBucketMoved(5, 2);
        String yaml = t.toYaml();
        assertThat(yaml).startsWith("version: 3\nbucketCount: 4096\nshards:\n");
        assertThat(yaml).contains("- shard: 0\n  buckets: \"0-4,6-1023\"\n");
        assertThat(Topology.fromYaml(yaml)).isEqualTo(t);
    }

    @Test
    void toJson_fromJson_roundTrips() {
        Topology t = Topology.of(16, 5).withBucketMoved(0, 4);
        String json = t.toJson();
        assertThat(json).contains("\"bucketCount\" : 16");
        assertThat(Topology.fromJson(json)).isEqualTo(t);
    }

    @Test
    void fromYaml_handEditedWithCommentsAndFlowStyle_reads() {
        String yaml = "# two shards\nversion: 7\nbucketCount: 4\nshards: [{shard: 0, buckets: '0-1'}, {shard: 9,"
                + " buckets: 2}, {shard: 9, buckets: \"3\"}]\n";
        Topology t = Topology.fromYaml(yaml);
        assertThat(t.version()).isEqualTo(7);
        assertThat(t.shardIds()).containsExactly(0, 9);
        assertThat(t.bucketsOf(9)).containsExactly(2, 3);
    }

    @Test
    void fromYaml_badDocuments_throwNamingTheProblem() {
        assertThatThrownBy(() -> Topology.fromYaml("version: 1\nbucketCount: 1000\nshards: []\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucketCount must be a power of two, but was 1000");
        assertThatThrownBy(() -> Topology.fromYaml("version: 1\nbucketCount: 4\nshards: [{shard: 0, buckets: 0-2}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topology YAML: bucket 3 of 4 is not assigned to a shard");
        assertThatThrownBy(() -> Topology.fromYaml(
                        "version: 1\nbucketCount: 4\nshards: [{shard: 0, buckets: 0-3}, {shard: 1, buckets: 2}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topology YAML: bucket 2 is assigned twice (shards 0 and 1)");
        assertThatThrownBy(() -> Topology.fromYaml("version: 0\nbucketCount: 1\nshards: [{shard: 0, buckets: 0}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version must be positive, but was 0");
        assertThatThrownBy(() -> Topology.fromJson("{\"version\": 1,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("topology JSON is malformed");
        assertThatThrownBy(() -> Topology.fromJson("{\"version\": 1, \"bucketCount\": 2, \"shards\": "
                        + "[{\"shard\": 0, \"buckets\": \"0-5\"}]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topology JSON: shard 0 has bucket range '0-5' outside 0..1");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -4, 1000, 3})
    void of_bucketCountNotPowerOfTwo_throwsNamingValue(int bucketCount) {
        assertThatThrownBy(() -> Topology.of(bucketCount, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucketCount must be a power of two, but was " + bucketCount);
    }

    @Test
    void changes_badArguments_throwNamingValue() {
        Topology t = Topology.of(4);
        assertThatThrownBy(() -> t.withShardRemoved(9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardId 9 is not in topology version 1; shards are [0, 1, 2, 3]");
        assertThatThrownBy(() -> t.withShardAdded(2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardId 2 is already in topology version 1");
        assertThatThrownBy(() -> t.withBucketMoved(4096, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bucket must be in 0..4095, but was 4096");
        assertThatThrownBy(() -> Topology.of(1).withShardRemoved(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("last shard");
        assertThatThrownBy(() -> Topology.of(4, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shardCount must be at most bucketCount 4, but was 5");
        assertThatThrownBy(() -> RebalancePlan.between(Topology.of(8, 1), Topology.of(16, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 8 and 16");
    }
}
