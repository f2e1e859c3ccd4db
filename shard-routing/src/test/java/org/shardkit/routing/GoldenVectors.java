package org.shardkit.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes {@code golden-vectors.csv}: known keys and the shard each strategy routes them to at several shard counts.
 * The strategies are {@link StrategyKind#values()}, in declaration order, each made by
 * {@link ShardStrategies#of(StrategyKind, int)} and named by its {@link StrategyKind#configName()}.
 *
 * <p>Run only when a new strategy or key is <i>added</i>; existing lines must never change, because data already
 * placed by them would be lost. {@code GoldenVectorsTest} checks the file against the code.
 *
 * <pre>
 * java -cp shard-routing/target/classes:shard-routing/target/test-classes:$(cat cp.txt) \
 *     org.shardkit.routing.GoldenVectors shard-routing/src/test/resources/org/shardkit/routing/golden-vectors.csv
 * </pre>
 */
final class GoldenVectors {

    static final int[] SHARD_COUNTS = {1, 2, 3, 10, 64, 1000};
    static final String[] TEXT_KEYS = {"", "a", "user:42", "tenant/acme", "Zürich", "Nobody inspects the spammish"};

    private GoldenVectors() {}

    static List<Long> longKeys() {
        List<Long> keys = new ArrayList<>(List.of(
                0L, 1L, -1L, 2L, 42L, 1000L, Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE, 1L << 32));
        long snowflakeMillis = 1_735_689_600_000L - 1_704_067_200_000L;
        for (int i = 0; i < 4; i++) {
            keys.add((snowflakeMillis + i) << 22 | 1L << 12 | i); // snowflake-shaped
        }
        SplittableRandom random = new SplittableRandom(20_250_101L);
        for (int i = 0; i < 16; i++) {
            keys.add(random.nextLong());
        }
        return keys;
    }

    static List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("# strategy,shardCount,keyType,key,shard -- NEVER edit existing lines: they are where data lives.");
        lines.add("# 0.1.0: strategy names normalised to StrategyKind (ring -> consistent-hash, topology -> buckets);"
                + " no shard value changed.");
        for (StrategyKind kind : StrategyKind.values()) {
            String name = kind.configName();
            for (int n : SHARD_COUNTS) {
                ShardRouter router = ShardRouter.of(ShardStrategies.of(kind, n));
                // Keys are listed in a fixed order so the file diffs cleanly.
                for (long key : longKeys()) {
                    lines.add(name + "," + n + ",long," + key + "," + router.route(key));
                }
                for (String key : TEXT_KEYS) {
                    lines.add(name + "," + n + ",text," + key + "," + router.route(key));
                }
            }
        }
        return lines;
    }

    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), lines(), StandardCharsets.UTF_8);
    }
}
