package com.example.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

    static final class Utf8Contract extends ValueCodecContract<String> {
        @Override
        protected ValueCodec<String> codec() {
            return new ValueCodec<>() {
                @Override
                public byte[] encode(String value) {
                    return value.getBytes(StandardCharsets.UTF_8);
                }

                @Override
                public String decode(byte[] bytes) {
                    return new String(bytes, StandardCharsets.UTF_8);
                }
            };
        }

        @Override
        protected List<String> samples() {
            return List.of("", "a", "ü");
        }
    }

    private ContractsCompile() {}
}
