package org.shardkit.core.batch;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.BatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of one shard: one transaction through the sink; a failure that may pass is tried
 * again after the backoff, up to {@code maxAttempts}; any other failure splits the batch in halves,
 * written apart, until the rows the database refuses stand alone and fail alone. Completes the rows'
 * futures. Thread-safe (each lane calls it from its own thread).
 */
final class BatchAttempts<R> {
    private static final Logger LOG = LoggerFactory.getLogger(BatchAttempts.class);

    private final String writer;
    private final ShardedDatabase db;
    private final ShardId shard;
    private final String shardName;
    private final BatchSink<R> sink;
    private final BatchConfig config;
    private final LongSupplier ticker;
    private final BatchMeters.OfShard meters;

    BatchAttempts(
            String writer,
            ShardedDatabase db,
            ShardId shard,
            BatchSink<R> sink,
            BatchConfig config,
            LongSupplier ticker,
            BatchMeters.OfShard meters) {
        this.writer = writer;
        this.db = db;
        this.shard = shard;
        this.shardName = db.shardName(shard);
        this.sink = sink;
        this.config = config;
        this.ticker = ticker;
        this.meters = meters;
    }

    /** Writes the batch, retrying, splitting and completing every row's future. */
    void write(List<Pending<R>> batch, ShardLane<R> lane) {
        List<R> rows = new ArrayList<>(batch.size());
        batch.forEach(p -> rows.add(p.row()));
        long firstTry = ticker.getAsLong();
        for (int attempt = 1; ; attempt++) {
            long start = ticker.getAsLong();
            Refusals refusals = new Refusals(rows.size());
            try {
                db.withConnection(batch.get(0).key(), c -> {
                    inTransaction(c, rows, refusals);
                    return Boolean.TRUE;
                });
            } catch (RuntimeException failure) {
                meters.flushed(ticker.getAsLong() - start, false);
                if (!Transience.aboutRows(failure)) {
                    if (attempt >= config.maxAttempts()) {
                        fail(
                                batch,
                                attempt,
                                BatchWriteException.Reason.RETRIES_EXHAUSTED,
                                " in " + millis(ticker.getAsLong() - firstTry) + " ms",
                                failure);
                        return;
                    }
                    long wait = config.backoff().after(attempt).toNanos();
                    LOG.debug(
                            "batch writer '{}' on {} ({}): attempt {} at {} rows failed, again in {} ms: {}",
                            writer,
                            shard,
                            shardName,
                            attempt,
                            rows.size(),
                            millis(wait),
                            failure.getMessage());
                    if (!lane.backoff(wait)) {
                        fail(
                                batch,
                                attempt,
                                BatchWriteException.Reason.CLOSED,
                                ": its close timeout passed before the shard came back",
                                failure);
                        return;
                    }
                    meters.retries.increment();
                    continue;
                }
                if (batch.size() == 1) {
                    fail(batch, attempt, BatchWriteException.Reason.ROW_REJECTED, "", failure);
                    return;
                }
                // The rows themselves: split, so that the good ones commit and the bad ones fail alone.
                int half = batch.size() / 2;
                write(batch.subList(0, half), lane);
                write(batch.subList(half, batch.size()), lane);
                return;
            }
            meters.flushed(ticker.getAsLong() - start, true);
            meters.size.record(rows.size() - refusals.count());
            complete(batch, refusals);
            return;
        }
    }

    /** Fails rows with the writer's exception; one exception for the rows failing together. */
    void fail(
            List<Pending<R>> rows,
            int attempts,
            BatchWriteException.Reason reason,
            String detail,
            @Nullable Throwable cause) {
        BatchWriteException e =
                new BatchWriteException(writer, shard, shardName, rows.size(), attempts, reason, detail, cause);
        if (reason != BatchWriteException.Reason.ROW_REJECTED) {
            LOG.warn("{}", e.getMessage());
        }
        meters.failed.increment(rows.size());
        for (Pending<R> p : rows) {
            p.future().completeExceptionally(e);
        }
    }

    private void inTransaction(Connection c, List<R> rows, Refusals refusals) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            sink.write(c, shard, rows, refusals);
            c.commit();
        } catch (SQLException | RuntimeException | Error e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // The connection is broken; the pool retires it.
            }
        }
    }

    private void complete(List<Pending<R>> batch, Refusals refusals) {
        int refused = 0;
        for (int i = 0; i < batch.size(); i++) {
            RuntimeException reason = refusals.reason(i);
            if (reason == null) {
                batch.get(i).future().complete(null);
            } else {
                refused++;
                batch.get(i).future().completeExceptionally(reason);
            }
        }
        meters.written.increment(batch.size() - refused);
        if (refused > 0) {
            meters.refused.increment(refused);
        }
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
