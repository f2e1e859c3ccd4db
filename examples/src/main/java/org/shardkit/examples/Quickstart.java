package org.shardkit.examples;

import java.util.Map;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.scatter.ScatterRequest;
import org.shardkit.testing.PostgresServer;
import org.shardkit.testing.ShardCluster;

/**
 * The quick start: three PostgreSQL shards, each its own embedded server, one {@link
 * ShardedDatabase} over them, rows written to the shard their key routes to, read back from there,
 * and counted on every shard with one scatter.
 *
 * <p>Run it with {@code mvn -B -q -Pquickstart -pl examples -am verify -DskipTests}. It needs only
 * a JDK: the servers are embedded (or chosen by {@code SHARDKIT_TEST_MODE}, see shard-testing) and
 * are stopped, with their data deleted, when it ends.
 */
public final class Quickstart {
    private static final int SHARDS = 3;
    private static final String[] NAMES = {"ada", "grace", "linus", "barbara", "ken", "margaret", "dennis", "frances"};

    private Quickstart() {}

    /**
     * Runs the quick start.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("Starting " + SHARDS + " embedded PostgreSQL shards ...");
        try (ShardCluster cluster = ShardCluster.builder().shards(SHARDS).start();
                ShardedDatabase db = ShardedDatabase.create(configFor(cluster))) {
            // Every shard has the same schema.
            for (ShardId shard : db.shardIds()) {
                db.withShardId(shard, h -> {
                    h.execute("DROP TABLE IF EXISTS agent");
                    return h.execute("CREATE TABLE agent (id bigint PRIMARY KEY, name text NOT NULL)");
                });
            }

            System.out.println("Writing agents, each to the shard its id routes to:");
            long[] ids = new long[NAMES.length];
            for (int i = 0; i < NAMES.length; i++) {
                long id = db.ids().nextId(); // a snowflake ID from the database's own generator
                ids[i] = id;
                String name = NAMES[i];
                ShardKey key = ShardKey.of(id);
                db.useTransaction(key, h -> h.execute("INSERT INTO agent (id, name) VALUES (?, ?)", id, name));
                System.out.printf("  agent %d (%s) -> %s%n", id, name, db.shardOf(key));
            }

            System.out.println("Reading them back by key:");
            for (long id : ids) {
                ShardKey key = ShardKey.of(id);
                String name = db.withReadOnly(
                        key,
                        h -> h.createQuery("SELECT name FROM agent WHERE id = :id")
                                .bind("id", id)
                                .mapTo(String.class)
                                .one());
                System.out.printf("  %s has agent %d = %s%n", db.shardOf(key), id, name);
            }

            System.out.println("Counting on every shard at once (scatter):");
            Map<ShardId, Long> counts = db.scatter(
                            ScatterRequest.allShards(),
                            (shard, h) -> h.createQuery("SELECT count(*) FROM agent")
                                    .mapTo(Long.class)
                                    .one())
                    .requireComplete();
            counts.forEach((shard, count) -> System.out.printf("  %s holds %d agents%n", shard, count));
        }
        System.out.println("Done; the embedded servers are stopped and their data deleted.");
    }

    /** One shard per server, with the default routing (virtual buckets) and pool settings. */
    private static ShardkitConfig configFor(ShardCluster cluster) {
        // One process, so a static worker id for db.ids(); many processes lease one (source postgres or
        // redis in the idgen section) so that no two of them issue the same IDs.
        ShardkitConfig.Builder config =
                ShardkitConfig.builder().idgen(IdGenConfig.builder().workerId(1).build());
        for (PostgresServer server : cluster.servers()) {
            config.shard(ShardConfig.of(
                    server.index(),
                    "quickstart_" + server.index(),
                    EndpointConfig.of(server.jdbcUrl(), server.user(), Secret.of(server.password()))));
        }
        return config.build();
    }
}
