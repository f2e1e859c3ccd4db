package org.shardkit.examples.data;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * Times drawing and seeding a graph on fresh embedded PostgreSQL servers, and prints each phase's
 * rows per second. Run it from the repository's root after {@code mvn -B -q -pl examples -am install
 * -DskipTests}:
 *
 * <pre>
 * mvn -B -q -Pseed -pl examples verify -DskipTests -Dexec.args="--agents 100000 --shards 4"
 * </pre>
 *
 * <p>Options: {@code --agents N} (default 100,000), {@code --interactions N} (default 10 per agent),
 * {@code --communities N} (default as {@link GraphSpec#defaults}), {@code --seed N}, {@code --shards
 * N} (default 4), {@code --threads N} (encoders, default the processors), {@code --single} (one
 * server through {@link SeedTarget#single} instead of shards), {@code --no-rebuild-indexes} (keep
 * the indexes during the load instead of the default {@link BulkSeeder#DEFAULT_REBUILD_INDEXES}; see
 * {@link BulkSeeder.Builder#rebuildIndexes}), and {@code --setting name=value}
 * (repeatable) passed to every server.
 */
public final class SeedTiming {
    /** The flag that measures a load with the indexes kept in place. */
    private static final String NO_REBUILD_INDEXES = "--no-rebuild-indexes";

    private SeedTiming() {}

    /**
     * Runs the timing.
     *
     * @param args the options above
     * @throws Exception if a server does not start or the load fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--single") || name.equals(NO_REBUILD_INDEXES)) {
                options.put(name, "true");
            } else if (name.equals("--setting") && i + 1 < args.length) {
                String[] kv = args[++i].split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("--setting must be name=value, but was " + args[i]);
                }
                settings.put(kv[0], kv[1]);
            } else if (name.startsWith("--") && i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option " + name);
            }
        }
        int agents = Integer.parseInt(options.getOrDefault("--agents", "100000"));
        GraphSpec spec = GraphSpec.defaults(agents);
        spec = new GraphSpec(
                agents,
                Long.parseLong(options.getOrDefault("--interactions", String.valueOf(spec.interactions()))),
                Integer.parseInt(options.getOrDefault("--communities", String.valueOf(spec.communities()))),
                Long.parseLong(options.getOrDefault("--seed", String.valueOf(spec.seed()))));
        boolean single = options.containsKey("--single");
        boolean rebuild = !options.containsKey(NO_REBUILD_INDEXES) && BulkSeeder.DEFAULT_REBUILD_INDEXES;
        int shards = single ? 1 : Integer.parseInt(options.getOrDefault("--shards", "4"));
        int threads = Integer.parseInt(options.getOrDefault(
                "--threads", String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors()))));

        long t0 = System.nanoTime();
        SocialGraph graph = SocialGraph.generate(spec);
        System.out.printf(Locale.ROOT, "drew %s in %.1f s (heap used %,d MB)%n", graph, seconds(t0), usedMb());

        ShardCluster.Builder cluster =
                ShardCluster.builder().environment(TestEnvironment.embedded()).shards(shards);
        settings.forEach(cluster::serverSetting);
        t0 = System.nanoTime();
        try (ShardCluster servers = cluster.start()) {
            System.out.printf(Locale.ROOT, "%d servers up in %.1f s%n", shards, seconds(t0));
            SeedProgress print = p -> {
                if (p.finished()) {
                    System.out.println(p);
                }
            };
            if (single) {
                SeedReport report = BulkSeeder.builder(
                                SeedTarget.single(servers.server(0).dataSource()))
                        .threads(threads)
                        .rebuildIndexes(rebuild)
                        .progress(print)
                        .progressInterval(Duration.ofSeconds(5))
                        .build()
                        .seed(graph);
                System.out.println(report);
                return;
            }
            try (ShardedDatabase db = ShardedDatabase.create(config(servers, shards))) {
                SeedReport report = BulkSeeder.builder(SeedTarget.sharded(db))
                        .threads(threads)
                        .rebuildIndexes(rebuild)
                        .progress(print)
                        .progressInterval(Duration.ofSeconds(5))
                        .build()
                        .seed(graph);
                System.out.println(report);
            }
        }
    }

    private static ShardkitConfig config(ShardCluster servers, int shards) {
        ShardkitConfig.Builder config = ShardkitConfig.builder();
        for (int i = 0; i < shards; i++) {
            PostgresServer s = servers.server(i);
            config.shard(ShardConfig.builder(
                            i, "seed_" + i, EndpointConfig.of(s.jdbcUrl(), s.user(), Secret.of(s.password())))
                    .pool(PoolConfig.builder()
                            .maximumSize(6)
                            .minimumIdle(0)
                            .connectionTimeout(Duration.ofSeconds(30))
                            .build())
                    .build());
        }
        return config.build();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long usedMb() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) >> 20;
    }
}
