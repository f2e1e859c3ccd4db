/**
 * Batched writes: a {@link org.shardkit.core.batch.BatchWriter} collects rows, groups them by the
 * shard their key routes to, and writes each shard's group in one transaction when it reaches a
 * size or an age, through a {@link org.shardkit.core.batch.BatchSink} such as a {@link
 * org.shardkit.core.batch.BatchTable} ({@code COPY} or a multi-row {@code INSERT}, both idempotent).
 * A failed batch is retried with backoff; a row the database refuses is isolated from its batch.
 * See {@code docs/writes.md}.
 */
@NullMarked
package org.shardkit.core.batch;

import org.jspecify.annotations.NullMarked;
