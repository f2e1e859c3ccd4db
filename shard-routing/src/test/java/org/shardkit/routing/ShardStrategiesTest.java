package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.shardkit.routing.spi.ShardStrategy;

class ShardStrategiesTest {

    /** The factory a user would call directly for each kind; kept apart from {@code of} on purpose. */
    private static IntFunction<ShardStrategy> directFactory(StrategyKind kind) {
        return switch (kind) {
            case MODULO -> ShardStrategies::modulo;
            case HASH_MODULO -> ShardStrategies::hashModulo;
            case CONSISTENT_HASH -> ConsistentHashRing::of;
            case JUMP -> ShardStrategies::jump;
            case BUCKETS -> Topology::of;
        };
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void of_everyKind_routesLikeDirectFactory(StrategyKind kind) {
        for (int n : new int[] {1, 3, 10, 64}) {
            ShardStrategy viaKind = ShardStrategies.of(kind, n);
            ShardStrategy direct = directFactory(kind).apply(n);
            assertThat(viaKind.getClass()).isEqualTo(direct.getClass());
            assertThat(viaKind.shardIds()).isEqualTo(direct.shardIds());
            for (long key : ShardStrategyContract.randomKeys(10_000, n)) {
                assertThat(viaKind.route(key))
                        .as("%s n=%d key=%d", kind, n, key)
                        .isEqualTo(direct.route(key));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void name_everyBuiltInStrategy_isItsKindsConfigName(StrategyKind kind) {
        assertThat(ShardStrategies.of(kind, 4).name()).isEqualTo(kind.configName());
        assertThat(directFactory(kind).apply(4).name()).isEqualTo(kind.configName());
    }

    @Test
    void name_otherBuiltInFactories_isTheirKindsConfigName() {
        assertThat(ConsistentHashRing.builder().shard(0, 1).shard(5, 3).build().name())
                .isEqualTo("consistent-hash");
        assertThat(Topology.of(16, 2).withShardAdded(9).name()).isEqualTo("buckets");
        assertThat(Topology.fromYaml(Topology.of(3).toYaml()).name()).isEqualTo("buckets");
    }

    @Test
    void of_bucketsKind_isDefaultTopologyVersionOne() {
        Topology topology = (Topology) ShardStrategies.of(StrategyKind.BUCKETS, 3);
        assertThat(topology.bucketCount()).isEqualTo(Topology.DEFAULT_BUCKET_COUNT);
        assertThat(topology.version()).isEqualTo(1);
        assertThat(topology).isEqualTo(Topology.of(3));
    }

    @Test
    void of_consistentHashKind_isDefaultRing() {
        ConsistentHashRing ring = (ConsistentHashRing) ShardStrategies.of(StrategyKind.CONSISTENT_HASH, 3);
        assertThat(ring.virtualNodes()).isEqualTo(ConsistentHashRing.DEFAULT_VIRTUAL_NODES);
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void byName_anyCaseOfConfigName_sameAsOf(StrategyKind kind) {
        ShardStrategy strategy = ShardStrategies.byName(" " + kind.configName().toUpperCase(Locale.ROOT), 5);
        assertThat(strategy.name()).isEqualTo(kind.configName());
        assertThat(strategy.getClass()).isEqualTo(ShardStrategies.of(kind, 5).getClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ring", "topology", "range"})
    void byName_unknownName_throwsListingRegistryNames(String name) {
        assertThatThrownBy(() -> ShardStrategies.byName(name, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("strategy must be one of " + StrategyKind.names() + ", but was '" + name + "'");
    }

    @ParameterizedTest
    @EnumSource(StrategyKind.class)
    void of_zeroShards_throwsNamingValue(StrategyKind kind) {
        assertThatThrownBy(() -> ShardStrategies.of(kind, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shardCount")
                .hasMessageContaining("but was 0");
    }
}
