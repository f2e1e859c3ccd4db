package org.shardkit.benchmarks.load.systems;

import java.util.Properties;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;

/**
 * ShardingSphere's sharding rules over {@code ds_0..ds_(n-1)}, on the keys shardkit places rows by, so
 * that both find the same rows on the same shards: {@code agent} by {@code id}, {@code friendship} by
 * {@code agent_id}, {@code interaction} by {@code initiator_id}, {@code interaction_inbox} by {@code
 * recipient_id} (each the built-in {@code INLINE} algorithm {@code ds_${column % n}}, which equals
 * shardkit's {@code floorMod} for the positive ids the generator issues), and {@code agent_handle} by
 * the handle's hash ({@link HandleShardingAlgorithm}). The built-in {@code MOD} algorithm would be
 * refused for these plain tables in 5.5.2 ("tables sharding configuration can not use auto sharding
 * algorithm"). Community tables are not configured: no load operation reads them.
 */
final class ShardingSphereRules {
    private ShardingSphereRules() {}

    /** Returns the rule for {@code shards} data sources. */
    static ShardingRuleConfiguration of(int shards) {
        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        byId(rule, shards, "agent", "id");
        byId(rule, shards, "friendship", "agent_id");
        byId(rule, shards, "interaction", "initiator_id");
        byId(rule, shards, "interaction_inbox", "recipient_id");
        ShardingTableRuleConfiguration handles = table("agent_handle", shards);
        handles.setDatabaseShardingStrategy(
                new StandardShardingStrategyConfiguration("handle", "agent_handle_by_hash"));
        rule.getTables().add(handles);
        Properties classBased = new Properties();
        classBased.setProperty("strategy", "STANDARD");
        classBased.setProperty("algorithmClassName", HandleShardingAlgorithm.class.getName());
        rule.getShardingAlgorithms().put("agent_handle_by_hash", new AlgorithmConfiguration("CLASS_BASED", classBased));
        return rule;
    }

    private static void byId(ShardingRuleConfiguration rule, int shards, String table, String column) {
        ShardingTableRuleConfiguration t = table(table, shards);
        String algorithm = table + "_by_" + column;
        t.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration(column, algorithm));
        rule.getTables().add(t);
        Properties inline = new Properties();
        inline.setProperty(
                "algorithm-expression", LoadSystems.SHARDINGSPHERE_SOURCE + "${" + column + " % " + shards + "}");
        rule.getShardingAlgorithms().put(algorithm, new AlgorithmConfiguration("INLINE", inline));
    }

    private static ShardingTableRuleConfiguration table(String table, int shards) {
        return new ShardingTableRuleConfiguration(
                table, LoadSystems.SHARDINGSPHERE_SOURCE + "${0.." + (shards - 1) + "}." + table);
    }
}
