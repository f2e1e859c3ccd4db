package org.shardkit.benchmarks;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.infra.algorithm.core.config.AlgorithmConfiguration;
import org.apache.shardingsphere.sharding.api.config.ShardingRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.rule.ShardingTableRuleConfiguration;
import org.apache.shardingsphere.sharding.api.config.strategy.sharding.StandardShardingStrategyConfiguration;

/** The ShardingSphere-JDBC baseline of the benchmarks: table {@code agent}, sharded by id. */
final class ShardingSphereBaseline {
    private ShardingSphereBaseline() {}

    /**
     * Returns a ShardingSphere data source over {@code ds_0..ds_(n-1)} routing {@code agent} rows by
     * {@code id % n}, as {@link BenchmarkShards#modulo} routes them.
     *
     * @param name the logical database's name
     * @param sources {@code ds_i} to each shard's pool, in shard order
     * @return the data source; close it after use
     * @throws SQLException if ShardingSphere refuses the rule
     */
    static DataSource agentsById(String name, Map<String, DataSource> sources) throws SQLException {
        return ShardingSphereDataSourceFactory.createDataSource(
                name, null, sources, List.of(rule(sources.size())), new Properties());
    }

    /**
     * ShardingSphere's rule: table {@code agent} on {@code ds_0}/{@code ds_1}, database chosen by the
     * built-in {@code INLINE} algorithm {@code ds_${id % 2}}. (The built-in {@code MOD} algorithm is
     * refused for a plain table in 5.5.2: "tables sharding configuration can not use auto sharding
     * algorithm"; it works only for auto tables, which rename the table per shard.)
     */
    private static ShardingRuleConfiguration rule(int shards) {
        ShardingTableRuleConfiguration table =
                new ShardingTableRuleConfiguration("agent", "ds_${0.." + (shards - 1) + "}.agent");
        table.setDatabaseShardingStrategy(new StandardShardingStrategyConfiguration("id", "agent_by_id"));
        Properties inline = new Properties();
        inline.setProperty("algorithm-expression", "ds_${id % " + shards + "}");
        ShardingRuleConfiguration rule = new ShardingRuleConfiguration();
        rule.getTables().add(table);
        rule.getShardingAlgorithms().put("agent_by_id", new AlgorithmConfiguration("INLINE", inline));
        return rule;
    }
}
