package org.shardkit.core.outbox;

import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * The outbox table of one name, the same on every shard: its DDL, its creation, and every
 * statement the outbox runs on it. The name is validated once, so the statements may embed it.
 * Immutable and thread-safe.
 */
final class OutboxTable {
    /** What a table name may be: lower case, optionally schema-qualified, short enough for its index name. */
    static final String PATTERN = "[a-z_][a-z0-9_]{0,47}(\\.[a-z_][a-z0-9_]{0,47})?";

    private static final Pattern NAME = Pattern.compile(PATTERN);

    private final String name;

    /** The statement of {@link Outbox#enqueue}: parameters target shard, kind, payload. */
    final String insert;
    /**
     * The target shards with messages, in order. A loose index scan over {@code (target_shard, id)}:
     * one index probe per target, however long the backlog ({@code SELECT DISTINCT} would read it
     * all on every pass).
     */
    final String targets;
    /** The oldest message's creation time; no row when the table is empty. */
    final String oldest;
    /**
     * Takes the transaction-scoped lock of one (this table, target shard) pair, or returns false
     * at once if another relay holds it: parameters table name, target shard. The table's oid
     * keeps tables of the same name in other schemas apart.
     */
    final String lockPair;
    /** The first messages of a pair in id order: parameters target shard, limit. */
    final String batch;
    /** Deletes an applied message: parameter id. */
    final String delete;
    /** Records a failed attempt: parameters attempts, last error, next attempt time, id. */
    final String recordFailure;
    /** Counts the messages. */
    final String count;

    /**
     * Validates the name and prepares the statements.
     *
     * @param name the table name
     * @throws IllegalArgumentException if it is not a lower-case identifier matching {@link #PATTERN}
     */
    OutboxTable(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table must be a lower-case identifier of at most 48 characters,"
                    + " optionally schema-qualified, but was " + name);
        }
        this.name = name;
        this.insert = "INSERT INTO " + name + " (target_shard, kind, payload) VALUES (?, ?, ?)";
        this.targets = "WITH RECURSIVE t(target_shard) AS ("
                + " (SELECT target_shard FROM " + name + " ORDER BY target_shard LIMIT 1)"
                + " UNION ALL SELECT (SELECT o.target_shard FROM " + name + " o"
                + " WHERE o.target_shard > t.target_shard ORDER BY o.target_shard LIMIT 1)"
                + " FROM t WHERE t.target_shard IS NOT NULL)"
                + " SELECT target_shard FROM t WHERE target_shard IS NOT NULL";
        this.oldest = "SELECT created_at FROM " + name + " ORDER BY id LIMIT 1";
        this.lockPair = "SELECT pg_try_advisory_xact_lock(hashtext('shardkit:outbox:' || ?::regclass::oid), ?)";
        this.batch = "SELECT id, kind, payload, created_at, attempts, next_attempt_at FROM " + name
                + " WHERE target_shard = ? ORDER BY id LIMIT ?";
        this.delete = "DELETE FROM " + name + " WHERE id = ?";
        this.recordFailure = "UPDATE " + name + " SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?";
        this.count = "SELECT count(*) FROM " + name;
    }

    /** Returns the table name, possibly schema-qualified. */
    String name() {
        return name;
    }

    /**
     * Creates the table and its index if missing, in the handle's open transaction, serialised
     * against other creators by an advisory lock held until that transaction ends: {@code CREATE
     * TABLE IF NOT EXISTS} alone can fail when two processes run it at once.
     *
     * @param tx a handle in a transaction on the shard's primary
     */
    void create(Handle tx) {
        tx.select("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", "shardkit:" + name)
                .mapTo(Long.class)
                .one();
        tx.execute("CREATE TABLE IF NOT EXISTS " + name + " (id bigserial PRIMARY KEY,"
                + " target_shard integer NOT NULL, kind text NOT NULL, payload text NOT NULL,"
                + " created_at timestamptz NOT NULL DEFAULT now(), attempts integer NOT NULL DEFAULT 0,"
                + " last_error text, next_attempt_at timestamptz)");
        String simple = name.substring(name.indexOf('.') + 1);
        tx.execute("CREATE INDEX IF NOT EXISTS " + simple + "_target_id_idx ON " + name + " (target_shard, id)");
    }

    @Override
    public String toString() {
        return name;
    }
}
