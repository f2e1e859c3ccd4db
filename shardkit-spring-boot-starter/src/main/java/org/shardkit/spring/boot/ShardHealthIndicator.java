package org.shardkit.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.metrics.CircuitState;
import org.shardkit.core.metrics.PoolHealth;
import org.shardkit.core.metrics.ShardHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of one shard: its primary probed with {@code SELECT 1} past its breaker ({@link
 * ShardedDatabase#health}), with the breaker's state and the primary pool's use as details.
 *
 * <ul>
 *   <li>{@code DOWN}: the primary did not answer the probe.
 *   <li>{@code OUT_OF_SERVICE}: the primary answers, but its breaker is open, so calls are still
 *       refused until the open duration passes and a trial call closes it again.
 *   <li>{@code UP}: otherwise, also with a half-open breaker (trial calls go through) and with a pool
 *       at its warning or critical level: pool pressure is load, not failure, and is reported in
 *       {@code pool.level} and {@code degraded=true} rather than in the status, so that a busy
 *       instance is not taken out of rotation (which would move its load to the others).
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
        PoolHealth pool = probe.pool();
        Map<String, Object> poolDetails = new LinkedHashMap<>();
        poolDetails.put("active", pool.active());
        poolDetails.put("idle", pool.idle());
        poolDetails.put("waiting", pool.waiting());
        poolDetails.put("maximumSize", pool.maximumSize());
        poolDetails.put("utilization", pool.utilization());
        poolDetails.put("level", pool.level().name());
        if (!pool.recommendations().isEmpty()) {
            poolDetails.put("recommendations", pool.recommendations());
        }
        status.withDetail("shard", shard.value())
                .withDetail("name", db.shardName(shard))
                .withDetail("breaker", probe.breakerState().name())
                .withDetail("latencyMillis", probe.latency().toMillis())
                .withDetail("pool", poolDetails)
                .withDetail("degraded", pool.level() != PoolHealth.Level.HEALTHY);
        String error = probe.error();
        if (error != null) {
            status.withDetail("error", error);
        }
        return status.build();
    }
}
