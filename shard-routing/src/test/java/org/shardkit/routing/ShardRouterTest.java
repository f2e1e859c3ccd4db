package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ShardRouterTest {

    private final ShardRouter router = ShardRouter.of(ShardStrategies.jump(4));

    @Test
    void route_textAndBytes_hashedWithKeyHash() {
        assertThat(router.route("user:42")).isEqualTo(router.route(KeyHash.hash("user:42")));
        assertThat(router.route("user:42".getBytes(StandardCharsets.UTF_8))).isEqualTo(router.route("user:42"));
    }

    @Test
    void groupByShard_longKeys_groupsKeepInputOrder() {
        long[] keys = LongStream.range(0, 1000).map(i -> 1000 - i).toArray();
        SortedMap<Integer, long[]> groups = router.groupByShard(keys);
        assertThat(groups.keySet()).containsExactly(0, 1, 2, 3);
        int total = 0;
        for (var e : groups.entrySet()) {
            long[] group = e.getValue();
            total += group.length;
            for (int i = 0; i < group.length; i++) {
                assertThat(router.route(group[i])).isEqualTo(e.getKey());
                if (i > 0) {
                    assertThat(group[i]).isLessThan(group[i - 1]); // input was descending
                }
            }
        }
        assertThat(total).isEqualTo(keys.length);
    }

    @Test
    void groupByShard_items_groupsKeepInputOrder() {
        record Order(long customerId, String name) {}
        List<Order> orders = LongStream.range(0, 200)
                .mapToObj(i -> new Order(i, "order-" + i))
                .toList();
        SortedMap<Integer, List<Order>> groups = router.groupByShard(orders, Order::customerId);
        assertThat(groups.values().stream().mapToInt(List::size).sum()).isEqualTo(200);
        groups.forEach((shard, group) -> {
            assertThat(group)
                    .allSatisfy(o -> assertThat(router.route(o.customerId())).isEqualTo(shard));
            assertThat(group).isSortedAccordingTo((a, b) -> Long.compare(a.customerId(), b.customerId()));
        });
        assertThat(router.groupByShard(new long[0])).isEmpty();
    }

    @Test
    @SuppressWarnings("NullAway") // the point of the test
    void route_nullKey_throwsIllegalArgument() {
        assertThatThrownBy(() -> router.route((String) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be null, but was null");
        assertThatThrownBy(() -> router.route((byte[]) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShardRouter.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_topology_routesByBucket() {
        Topology topology = Topology.of(5);
        ShardRouter byTopology = ShardRouter.of(topology);
        assertThat(byTopology.route(123L)).isEqualTo(topology.shardOfBucket(topology.bucketOf(123L)));
        assertThat(byTopology.toString()).isEqualTo("ShardRouter[buckets, shards=5]");
    }
}
