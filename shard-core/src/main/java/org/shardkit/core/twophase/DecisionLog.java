package org.shardkit.core.twophase;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;

/**
 * The decisions of one coordinator, in table {@value #TABLE} on the coordinator shard: {@code gid
 * text primary key, outcome text, decided_at timestamptz}. A unit commits once its {@code commit}
 * row is committed, a local transaction of that shard (the Citus way). Both the coordinator and
 * recovery write with {@code INSERT ... ON CONFLICT DO NOTHING} and then read what is there, so the
 * first writer wins: the coordinator's {@code commit} or recovery's {@code abort}. Commit rows go
 * once no shard holds the unit's prepared transactions; abort rows stay {@link #ABORT_RETENTION}, so
 * that a coordinator that stalled cannot record {@code commit} for a unit recovery aborted.
 * Thread-safe.
 */
final class DecisionLog {
    /** The table's name: {@value}. */
    static final String TABLE = "shardkit_2pc_decision";
    /** How long abort rows are kept: 1 hour. */
    static final Duration ABORT_RETENTION = Duration.ofHours(1);
    /**
     * The longest a coordinator may take from its first prepare to its commit decision: half the
     * abort retention, so a decision can never meet an abort row that is already gone.
     */
    static final Duration LATEST_DECISION = ABORT_RETENTION.dividedBy(2);

    /** A unit's outcome as the table stores it. */
    enum Outcome {
        COMMIT,
        ABORT;

        final String stored = name().toLowerCase(Locale.ROOT);

        static Outcome of(String stored) {
            return "commit".equals(stored) ? COMMIT : ABORT;
        }
    }

    private final ShardedDatabase db;
    private final ShardId shard;
    private final String prefix;
    private volatile boolean ready;

    DecisionLog(ShardedDatabase db, ShardId shard, String prefix) {
        this.db = db;
        this.shard = shard;
        this.prefix = prefix;
    }

    /** Returns the coordinator shard, where the table lives. */
    ShardId shard() {
        return shard;
    }

    /** Creates the table if missing; once per instance. */
    void ensureTable() {
        if (ready) {
            return;
        }
        db.withShardId(
                shard,
                h -> h.inTransaction(t -> {
                    // Serialise concurrent creators: CREATE TABLE IF NOT EXISTS alone can race.
                    t.execute("SELECT pg_advisory_xact_lock(hashtext(?))", "shardkit:" + TABLE);
                    return t.execute(
                            "CREATE TABLE IF NOT EXISTS " + TABLE + " (gid text PRIMARY KEY, outcome text NOT NULL,"
                                    + " decided_at timestamptz NOT NULL DEFAULT now())");
                }));
        ready = true;
    }

    /**
     * Records an outcome unless one is recorded already, and returns the one that stands.
     *
     * @param globalId the unit
     * @param wanted what the caller would decide
     * @return the outcome that stands: {@code wanted}, or what another writer recorded first
     */
    Outcome decide(String globalId, Outcome wanted) {
        ensureTable();
        // One statement: the row that stands is returned, ours or the one written first; no read
        // after the insert, in which a cleaned-up commit row could vanish and be taken for none.
        return db.withShardId(
                shard,
                h -> Outcome.of(h.createQuery("INSERT INTO " + TABLE
                                + " (gid, outcome) VALUES (:gid, :outcome) ON CONFLICT (gid) DO UPDATE"
                                + " SET outcome = " + TABLE + ".outcome RETURNING outcome")
                        .bind("gid", globalId)
                        .bind("outcome", wanted.stored)
                        .mapTo(String.class)
                        .one()));
    }

    /** Returns the units of this coordinator with a commit row. */
    List<String> commits() {
        ensureTable();
        return db.withShardId(
                shard,
                h -> h.createQuery("SELECT gid FROM " + TABLE
                                + " WHERE outcome = 'commit' AND left(gid, length(:prefix)) = :prefix ORDER BY gid")
                        .bind("prefix", prefix)
                        .mapTo(String.class)
                        .list());
    }

    /** Deletes the commit rows of units no shard holds a prepared transaction of any more. */
    int deleteCommits(Collection<String> globalIds) {
        if (globalIds.isEmpty()) {
            return 0;
        }
        return db.withShardId(
                shard,
                h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE outcome = 'commit' AND gid = ANY(:gids)")
                        .bindArray("gids", String.class, List.copyOf(globalIds))
                        .execute());
    }

    /** Deletes this coordinator's abort rows older than {@link #ABORT_RETENTION}. */
    int purgeAborts() {
        return db.withShardId(
                shard,
                h -> h.createUpdate("DELETE FROM " + TABLE + " WHERE outcome = 'abort'"
                                + " AND left(gid, length(:prefix)) = :prefix"
                                + " AND decided_at < now() - :ms * interval '1 millisecond'")
                        .bind("prefix", prefix)
                        .bind("ms", ABORT_RETENTION.toMillis())
                        .execute());
    }
}
