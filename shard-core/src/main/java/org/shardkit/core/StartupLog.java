package org.shardkit.core;

import java.util.StringJoiner;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.routing.spi.ShardStrategy;

/** The one INFO line a database logs when it starts: what operators look for, never a secret. */
final class StartupLog {
    private StartupLog() {}

    static String describe(ShardkitConfig config, ShardStrategy strategy, WorkerIds ids) {
        StringJoiner shards = new StringJoiner(", ");
        for (ShardConfig s : config.shards()) {
            shards.add(s.id() + ":" + s.name() + " (pool " + s.pool().maximumSize()
                    + (s.replicas().isEmpty() ? "" : ", " + s.replicas().size() + " replicas") + ")");
        }
        return "shardkit started: " + config.shards().size() + " shards [" + shards + "], strategy "
                + strategy.name() + ", startup " + config.startup().name().toLowerCase(java.util.Locale.ROOT)
                + ", " + ids;
    }
}
