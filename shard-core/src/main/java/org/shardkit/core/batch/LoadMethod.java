package org.shardkit.core.batch;

/**
 * How a {@link BatchTable} puts rows into its table. Both are idempotent: a row whose key is already
 * in the table is skipped, not duplicated.
 */
public enum LoadMethod {
    /**
     * {@code COPY … FROM STDIN} (pgjdbc's {@code CopyManager}), the fastest way into PostgreSQL; when a
     * key is already there (a replayed batch) the copy is rolled back to a savepoint and the rows go in
     * by {@link #INSERT} instead. The default: it measured faster (docs/writes.md).
     */
    COPY,
    /**
     * One multi-row {@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT (key) DO NOTHING RETURNING
     * key}: one statement and one array parameter per column, whatever the batch size.
     */
    INSERT
}
