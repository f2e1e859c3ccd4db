package org.shardkit.core.twophase;

import java.time.Duration;
import java.util.List;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardQueryException;
import org.shardkit.core.ShardedDatabase;

/**
 * The statements on a shard's prepared transactions: finish one ({@code COMMIT PREPARED}, {@code
 * ROLLBACK PREPARED}, each on a connection of its own, outside any transaction) and list those of
 * shardkit in the shard's database. Names are built by {@link GlobalIds} from a safe alphabet, so
 * they go into the statement as literals (these statements take no parameters).
 */
final class PreparedTransactions {
    /** SQLState {@code undefined_object}: no prepared transaction of that name (already finished). */
    private static final String NO_SUCH_PREPARED = "42704";

    /** One row of {@code pg_prepared_xacts}: its gid, and whether it is older than the grace period. */
    record Row(String gid, boolean due) {}

    private PreparedTransactions() {}

    /**
     * Commits a prepared transaction.
     *
     * @return true if it was committed now, false if there was none of that name (finished already)
     * @throws org.shardkit.core.ShardkitException if the shard is unreachable or refuses
     */
    static boolean commit(ShardedDatabase db, ShardId shard, String gid) {
        return finish(db, shard, "COMMIT PREPARED '" + gid + "'");
    }

    /**
     * Rolls a prepared transaction back.
     *
     * @return true if it was rolled back now, false if there was none of that name
     * @throws org.shardkit.core.ShardkitException if the shard is unreachable or refuses
     */
    static boolean rollback(ShardedDatabase db, ShardId shard, String gid) {
        return finish(db, shard, "ROLLBACK PREPARED '" + gid + "'");
    }

    private static boolean finish(ShardedDatabase db, ShardId shard, String sql) {
        try {
            db.withShardId(shard, h -> h.execute(sql));
            return true;
        } catch (ShardQueryException e) {
            if (NO_SUCH_PREPARED.equals(e.sqlState())) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Lists the prepared transactions of shardkit in the shard's database; the server's clock decides
     * which are older than the grace period.
     */
    static List<Row> scan(ShardedDatabase db, ShardId shard, Duration grace) {
        return db.withShardId(
                shard,
                h -> h.createQuery("SELECT gid, prepared <= now() - :ms * interval '1 millisecond'"
                                + " AS due FROM pg_prepared_xacts WHERE database = current_database()"
                                + " AND left(gid, length(:prefix)) = :prefix ORDER BY gid")
                        .bind("ms", grace.toMillis())
                        .bind("prefix", GlobalIds.SHARDKIT)
                        .map((rs, ctx) -> new Row(rs.getString("gid"), rs.getBoolean("due")))
                        .list());
    }
}
