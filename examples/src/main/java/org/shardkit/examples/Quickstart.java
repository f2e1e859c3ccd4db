package org.shardkit.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;
import org.shardkit.testing.TestEnvironment;

/**
 * The quick start: three PostgreSQL shards, each its own embedded server, a table on each, rows
 * written to the shard their key routes to and read back from there.
 *
 * <p>Run it with {@code mvn -B -q -Pquickstart -pl examples -am verify -DskipTests}. It needs only
 * a JDK: the servers are embedded and are stopped, with their data deleted, when it ends.
 */
public final class Quickstart {
    private static final int SHARDS = 3;

    private Quickstart() {}

    /**
     * Runs the quick start.
     *
     * @param args ignored
     * @throws SQLException if a shard fails
     */
    public static void main(String[] args) throws SQLException {
        System.out.println("Starting " + SHARDS + " embedded PostgreSQL shards ...");
        try (ShardCluster cluster = ShardCluster.builder()
                .environment(TestEnvironment.fromSystem())
                .shards(SHARDS)
                .start()) {
            List<PostgresServer> shards = cluster.servers();
            for (PostgresServer shard : shards) {
                System.out.println("  shard " + shard.index() + ": " + shard.jdbcUrl());
                try (Connection c = shard.dataSource().getConnection();
                        Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS agent");
                    st.execute("CREATE TABLE agent (id bigint PRIMARY KEY, name text NOT NULL)");
                }
            }

            String[] names = {"ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "frances"};
            System.out.println("Writing agents, each to the shard its id routes to:");
            for (int i = 0; i < names.length; i++) {
                long id = 1_000L + i;
                PostgresServer shard = shards.get(shardOf(id));
                try (Connection c = shard.dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement("INSERT INTO agent (id, name) VALUES (?, ?)")) {
                    ps.setLong(1, id);
                    ps.setString(2, names[i]);
                    ps.executeUpdate();
                }
                System.out.printf("  agent %d (%s) -> shard %d%n", id, names[i], shard.index());
            }

            System.out.println("Reading them back from their shards:");
            for (int i = 0; i < names.length; i++) {
                long id = 1_000L + i;
                PostgresServer shard = shards.get(shardOf(id));
                try (Connection c = shard.dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT name FROM agent WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("agent " + id + " is missing from shard " + shard.index());
                        }
                        System.out.printf("  shard %d has agent %d = %s%n", shard.index(), id, rs.getString(1));
                    }
                }
            }
            for (PostgresServer shard : shards) {
                try (Connection c = shard.dataSource().getConnection();
                        Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM agent")) {
                    rs.next();
                    System.out.printf("  shard %d holds %d agents%n", shard.index(), rs.getLong(1));
                }
            }
        }
        System.out.println("Done; the embedded servers are stopped and their data deleted.");
    }

    /** Routes a key with a 64-bit mix (SplitMix64's finalizer) and modulo. */
    static int shardOf(long key) {
        long z = key;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        z = z ^ (z >>> 31);
        return (int) Long.remainderUnsigned(z, SHARDS);
    }
}
