package org.shardkit.examples.data;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.social.SocialRepository;

/**
 * Where a {@link BulkSeeder} writes: the shards of a {@link ShardedDatabase}, each row on the shard
 * the database's own router gives its key (so the repository finds every row where it looks), or
 * one PostgreSQL server holding everything in the same schema (the load harness's unsharded
 * baseline).
 *
 * <pre>{@code
 * SeedTarget shards = SeedTarget.sharded(db);
 * SeedTarget one = SeedTarget.single(dataSource);
 * }</pre>
 *
 * <p>The seeder takes about three connections per shard at once (one per table of a phase): a
 * sharded database's pools need at least that many. Immutable and thread-safe; the database or
 * data source stays the caller's to close.
 */
public final class SeedTarget {
    private static final String SINGLE_NAME = "single";

    private final @Nullable ShardedDatabase db;
    private final @Nullable DataSource single;

    private SeedTarget(@Nullable ShardedDatabase db, @Nullable DataSource single) {
        this.db = db;
        this.single = single;
    }

    /**
     * Returns the target of a sharded database: rows go to the shard of their key, connections come
     * from each shard's primary pool, the schema from {@link SocialRepository#migrate(ShardedDatabase)}.
     *
     * @throws IllegalArgumentException if {@code db} is null
     */
    public static SeedTarget sharded(ShardedDatabase db) {
        if (db == null) {
            throw new IllegalArgumentException("db must not be null");
        }
        return new SeedTarget(db, null);
    }

    /**
     * Returns the target of one server: every row goes to it. The schema is the repository's own
     * migrations, applied by {@link SocialRepository#migrate(DataSource)}.
     *
     * @param dataSource connections to the server (and schema) to fill
     * @throws IllegalArgumentException if {@code dataSource} is null
     */
    public static SeedTarget single(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        return new SeedTarget(null, dataSource);
    }

    /** Returns the number of shards rows are spread over: 1 for a single server. */
    public int shardCount() {
        return db == null ? 1 : db.shardIds().size();
    }

    /** Returns whether this is the target of one server. */
    public boolean isSingle() {
        return db == null;
    }

    /** Applies the social schema's migrations (idempotent: Flyway skips what is applied). */
    public void migrate() {
        if (db != null) {
            SocialRepository.migrate(db);
            return;
        }
        SocialRepository.migrate(java.util.Objects.requireNonNull(single));
    }

    /** Returns the shard (0 to shardCount - 1) a key's rows go to. */
    int shardOf(ShardKey key) {
        return db == null ? 0 : db.shardOf(key).value();
    }

    /** Returns a shard's name, for messages. */
    String shardName(int shard) {
        return db == null ? SINGLE_NAME : db.shardName(ShardId.of(shard));
    }

    /** Opens a connection to a shard's primary; the caller closes it. */
    Connection connect(int shard) throws SQLException {
        DataSource source = db == null ? single : db.primaryDataSource(ShardId.of(shard));
        return java.util.Objects.requireNonNull(source).getConnection();
    }

    @Override
    public String toString() {
        return db == null ? "SeedTarget[single]" : "SeedTarget[" + shardCount() + " shards]";
    }
}
