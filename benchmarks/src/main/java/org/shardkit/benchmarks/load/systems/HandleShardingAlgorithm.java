package org.shardkit.benchmarks.load.systems;

import java.util.Collection;
import org.apache.shardingsphere.sharding.api.sharding.standard.PreciseShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.RangeShardingValue;
import org.apache.shardingsphere.sharding.api.sharding.standard.StandardShardingAlgorithm;
import org.shardkit.routing.KeyHash;

/**
 * ShardingSphere's placement of {@code agent_handle} rows: data source {@code ds_i} with {@code i =
 * floorMod(KeyHash.hash(handle), n)}, where shardkit's MODULO strategy puts a handle's lookup row, so
 * that ShardingSphere finds the handles of data that shardkit seeded. ShardingSphere's {@code
 * CLASS_BASED} algorithm builds it by reflection, which is why it is public. Thread-safe.
 */
public final class HandleShardingAlgorithm implements StandardShardingAlgorithm<String> {
    /** The algorithm's type name in ShardingSphere's rule configuration. */
    static final String TYPE = "SHARDKIT_HANDLE";

    /** For ShardingSphere's reflection. */
    public HandleShardingAlgorithm() {}

    /** Returns {@code ds_i} for the handle's hash, one of the available data sources. */
    @Override
    public String doSharding(Collection<String> availableTargetNames, PreciseShardingValue<String> shardingValue) {
        String target = LoadSystems.SHARDINGSPHERE_SOURCE
                + Math.floorMod(KeyHash.hash(shardingValue.getValue()), availableTargetNames.size());
        if (!availableTargetNames.contains(target)) {
            throw new IllegalStateException(
                    "handle routed to " + target + ", which is not among " + availableTargetNames);
        }
        return target;
    }

    /** A range of handles may be anywhere: every data source. */
    @Override
    public Collection<String> doSharding(
            Collection<String> availableTargetNames, RangeShardingValue<String> shardingValue) {
        return availableTargetNames;
    }

    @Override
    public String getType() {
        return TYPE;
    }
}
