package com.example.consumer;

import java.util.List;
import org.shardkit.cache.JsonCodec;
import org.shardkit.cache.ValueCodecContract;
import org.shardkit.cache.spi.ValueCodec;
import org.shardkit.routing.ShardStrategies;
import org.shardkit.routing.ShardStrategyContract;
import org.shardkit.routing.StrategyKind;
import org.shardkit.routing.spi.ShardStrategy;
import org.shardkit.testing.ShardServersExtension;

/** The test jars and the test kit, as a service's tests use them. */
final class ContractsCompile {
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    static final class JumpContract extends ShardStrategyContract {
        @Override
        protected ShardStrategy create(int shardCount) {
            return ShardStrategies.of(StrategyKind.JUMP, shardCount);
        }
    }

    static final class JsonContract extends ValueCodecContract<String> {
        @Override
        protected ValueCodec<String> codec() {
            return JsonCodec.of(String.class);
        }

        @Override
        protected List<String> samples() {
            return List.of("", "a");
        }
    }

    private ContractsCompile() {}
}
