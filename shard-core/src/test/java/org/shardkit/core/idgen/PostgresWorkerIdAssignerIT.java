package org.shardkit.core.idgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.testing.ShardServersExtension;

class PostgresWorkerIdAssignerIT extends WorkerIdLeaseContract {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(1).build();

    @Override
    WorkerIdAssigner newAssigner(@Nullable ScheduledExecutorService scheduler) {
        LeaseAssignerBuilder<PostgresWorkerIdAssigner> builder = PostgresWorkerIdAssigner.builder(
                        servers.shard(0).dataSource())
                .leaseTtl(TTL)
                .safetyMargin(MARGIN)
                .renewInterval(RENEW_INTERVAL);
        if (scheduler != null) {
            builder.scheduler(scheduler);
        }
        return builder.build();
    }

    @Override
    void expireInStore(long workerId) {
        execute("UPDATE shardkit_worker_id SET expires_at = clock_timestamp() - interval '1 second'"
                + " WHERE worker_id = " + workerId);
    }

    @Override
    long storedLastTimestamp(long workerId) {
        try (Connection c = servers.shard(0).dataSource().getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT last_timestamp FROM shardkit_worker_id WHERE worker_id = ?")) {
            ps.setLong(1, workerId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    int renewAll(WorkerIdAssigner assigner) {
        return ((PostgresWorkerIdAssigner) assigner).renewAll();
    }

    @Override
    void clearStore() {
        execute("DROP TABLE IF EXISTS shardkit_worker_id");
    }

    @Test
    void acquire_expiresAtIsDatabaseNowPlusTtl() {
        stack().acquire(1023, clockAt(T0));

        try (Connection c = servers.shard(0).dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT EXTRACT(EPOCH FROM expires_at - clock_timestamp()),"
                        + " owner FROM shardkit_worker_id WHERE worker_id = 0")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isBetween(3500.0, 3600.0);
            assertThat(rs.getString(2)).contains("#");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void build_renewIntervalNotBelowTtlMinusMargin_throwsNamingValues() {
        assertThatThrownBy(
                        () -> PostgresWorkerIdAssigner.builder(servers.shard(0).dataSource())
                                .leaseTtl(Duration.ofSeconds(30))
                                .safetyMargin(Duration.ofSeconds(5))
                                .renewInterval(Duration.ofSeconds(25))
                                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("renewInterval must be less than leaseTtl - safetyMargin (25000 ms), but was 25000 ms");
    }

    @Test
    void table_notAnIdentifier_throws() {
        assertThatThrownBy(
                        () -> PostgresWorkerIdAssigner.builder(servers.shard(0).dataSource(), "x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was x; DROP TABLE y");
    }

    private static void execute(String sql) {
        try (Connection c = servers.shard(0).dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
