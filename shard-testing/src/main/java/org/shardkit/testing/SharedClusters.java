package org.shardkit.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clusters shared by every test class in this JVM, one per set of server settings, grown on
 * demand and closed at JVM exit. Thread-safe.
 */
final class SharedClusters {
    private static final Map<Map<String, String>, ShardCluster> CLUSTERS = new HashMap<>();
    private static boolean hookInstalled;

    private SharedClusters() {}

    static synchronized ShardCluster acquire(
            TestEnvironment environment, Map<String, String> settings, int shards, boolean redis) {
        Map<String, String> key = new TreeMap<>(settings);
        key.put("\0mode", environment.mode().name());
        ShardCluster cluster = CLUSTERS.get(key);
        if (cluster == null) {
            ShardCluster.Builder builder =
                    ShardCluster.builder().environment(environment).shards(shards);
            settings.forEach(builder::serverSetting);
            if (redis) {
                builder.redis();
            }
            cluster = builder.start();
            CLUSTERS.put(key, cluster);
            installHook();
        } else {
            cluster.ensureShards(shards);
            if (redis) {
                cluster.ensureRedis();
            }
        }
        return cluster;
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(SharedClusters::closeAll, "shardkit-test-servers-stop"));
    }

    private static void closeAll() {
        List<ShardCluster> all;
        synchronized (SharedClusters.class) {
            all = new ArrayList<>(CLUSTERS.values());
            CLUSTERS.clear();
        }
        all.parallelStream().forEach(ShardCluster::close);
    }
}
