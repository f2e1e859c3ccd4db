package org.shardkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.TopologyConfig;
import org.shardkit.routing.StrategyKind;

/** The default scatter executor has one thread per pooled connection, within its bounds. */
class ScatterExecutorSizeTest {
    @Test
    void defaultExecutor_hasOneThreadPerConnection_fromFourTo512() {
        assertThat(threads(64)).isEqualTo(64);
        assertThat(threads(1)).isEqualTo(ScatterEngine.MIN_THREADS).isEqualTo(4);
        assertThat(threads(100_000)).isEqualTo(ScatterEngine.MAX_THREADS).isEqualTo(512);
    }

    @Test
    void theConnections_areEveryPoolOfEveryShard_primariesAndReplicas() {
        EndpointConfig somewhere = EndpointConfig.of("jdbc:postgresql://127.0.0.1:1/none", "u", Secret.of("p"));
        ShardkitConfig config = ShardkitConfig.builder()
                .topology(TopologyConfig.of(StrategyKind.MODULO))
                .shard(ShardConfig.builder(0, "a", somewhere)
                        .pool(PoolConfig.builder().maximumSize(16).build())
                        .replica(new ReplicaConfig(somewhere, 1))
                        .replica(new ReplicaConfig(somewhere, 2))
                        .build())
                .shard(ShardConfig.builder(1, "b", somewhere)
                        .pool(PoolConfig.builder().maximumSize(5).build())
                        .build())
                .build();
        assertThat(ShardedDatabase.builder(config).pooledConnections()).isEqualTo(16 * 3 + 5);
    }

    private static int threads(int connections) {
        ExecutorService e = ScatterEngine.defaultExecutor(connections);
        try {
            return ((ThreadPoolExecutor) e).getMaximumPoolSize();
        } finally {
            e.shutdownNow();
        }
    }
}
