package org.shardkit.examples.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.testing.ShardServersExtension;

/** The same graph on one server (the harness's unsharded baseline): the same totals, and no silent overwrite. */
class SingleTargetSeedIT {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).build();

    @Test
    void single_holdsTheGraphsTotals_andRefusesToLoadOverRows() throws Exception {
        SocialGraph graph = SocialGraph.generate(GraphSpec.defaults(2_000));
        DataSource one = servers.shard(0).dataSource();
        SeedReport report = BulkSeeder.builder(SeedTarget.single(one)).build().seed(graph);

        assertThat(count(one, "agent")).isEqualTo(graph.agentCount());
        assertThat(count(one, "agent_handle")).isEqualTo(graph.agentCount());
        assertThat(count(one, "friendship")).isEqualTo(2 * graph.friendshipCount());
        assertThat(count(one, "interaction")).isEqualTo(graph.interactionCount());
        assertThat(count(one, "interaction_inbox")).isEqualTo(graph.interactionCount());
        assertThat(count(one, "community")).isEqualTo(graph.communityCount());
        assertThat(count(one, "community_member")).isEqualTo(graph.membershipCount());
        assertThat(count(one, "agent_community")).isEqualTo(graph.membershipCount());
        assertThat(report.phase(SeedPhase.INTERACTIONS).done()).isEqualTo(2 * graph.interactionCount());

        assertThatThrownBy(
                        () -> BulkSeeder.builder(SeedTarget.single(one)).build().seed(graph))
                .isInstanceOf(SeedException.class)
                .hasMessageContaining("already holds rows")
                .hasMessageContaining("replaceExisting");

        SocialGraph smaller = SocialGraph.generate(GraphSpec.defaults(300));
        BulkSeeder.builder(SeedTarget.single(one)).replaceExisting(true).build().seed(smaller);
        assertThat(count(one, "agent")).isEqualTo(300);
        assertThat(count(one, "friendship")).isEqualTo(2 * smaller.friendshipCount());
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
