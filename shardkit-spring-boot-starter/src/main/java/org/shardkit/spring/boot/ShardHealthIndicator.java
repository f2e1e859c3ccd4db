package org.shardkit.spring.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.metrics.CircuitState;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.metrics.ReplicaHealth;
import org.shardkit.core.metrics.ShardHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of one shard: its primary and each read replica probed with {@code SELECT 1} past the
 * breaker ({@link ShardedDatabase#health}), with the breaker's state and each pool's use as details.
 *
 * <ul>
 *   <li>{@code DOWN}: the primary did not answer the probe.
 *   <li>{@code OUT_OF_SERVICE}: the primary answers, but its breaker is open, so calls are still
 *       refused until the open duration passes and a trial call closes it again.
 *   <li>{@code UP}: otherwise, also with a half-open breaker (trial calls go through). A shard that
 *       serves but not at full strength is {@code UP} with {@code degraded=true} and the reasons in
 *       {@code degradedBy}: its primary pool at its warning or critical level (pool pressure is load,
 *       not failure; taking a busy instance out of rotation would move its load to the others), or a
 *       replica that is unreachable or skipped by reads (its reads go to the other replicas or the
 *       primary).
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ShardHealthIndicator implements HealthIndicator {
    private final ShardedDatabase db;
    private final ShardId shard;

    ShardHealthIndicator(ShardedDatabase db, ShardId shard) {
        this.db = db;
        this.shard = shard;
    }

    @Override
    public Health health() {
        ShardHealth probe = db.health(shard);
        Health.Builder status;
        if (!probe.reachable()) {
            status = Health.down();
        } else if (probe.breakerState() == CircuitState.OPEN) {
            status = Health.outOfService();
        } else {
            status = Health.up();
        }
        List<String> degradedBy = new ArrayList<>();
        if (probe.pool().level() != PoolHealth.Level.HEALTHY) {
            degradedBy.add("primary pool " + probe.pool().level());
        }
        List<Map<String, Object>> replicas = new ArrayList<>();
        for (ReplicaHealth replica : probe.replicas()) {
            replicas.add(replica(replica));
            if (!replica.reachable()) {
                degradedBy.add("replica " + replica.index() + " unreachable");
            } else if (replica.skipped()) {
                degradedBy.add("replica " + replica.index() + " skipped by reads");
            }
        }
        status.withDetail("shard", shard.value())
                .withDetail("name", db.shardName(shard))
                .withDetail("breaker", probe.breakerState().name())
                .withDetail("latencyMillis", probe.latency().toMillis())
                .withDetail("pool", pool(probe.pool()));
        if (!replicas.isEmpty()) {
            status.withDetail("replicas", replicas).withDetail("replicasServing", probe.servingReplicas());
        }
        status.withDetail("degraded", !degradedBy.isEmpty());
        if (!degradedBy.isEmpty()) {
            status.withDetail("degradedBy", degradedBy);
        }
        String error = probe.error();
        if (error != null) {
            status.withDetail("error", error);
        }
        return status.build();
    }

    private static Map<String, Object> replica(ReplicaHealth replica) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("index", replica.index());
        details.put("pool", replica.poolName());
        details.put("status", replica.reachable() ? "UP" : "DOWN");
        details.put("skipped", replica.skipped());
        details.put("latencyMillis", replica.latency().toMillis());
        details.put("utilization", replica.pool().utilization());
        details.put("level", replica.pool().level().name());
        String error = replica.error();
        if (error != null) {
            details.put("error", error);
        }
        return details;
    }

    private static Map<String, Object> pool(PoolHealth pool) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("active", pool.active());
        details.put("idle", pool.idle());
        details.put("waiting", pool.waiting());
        details.put("maximumSize", pool.maximumSize());
        details.put("utilization", pool.utilization());
        details.put("level", pool.level().name());
        if (!pool.recommendations().isEmpty()) {
            details.put("recommendations", pool.recommendations());
        }
        return details;
    }
}
