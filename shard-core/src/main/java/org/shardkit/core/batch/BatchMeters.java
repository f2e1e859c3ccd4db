package org.shardkit.core.batch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.shardkit.core.ShardId;

/**
 * The names of a batch writer's meters and tags, written once here, and the meters of one shard.
 * Thread-safe.
 */
final class BatchMeters {
    /** Counter of rows by how they ended; tags {@link #WRITER}, {@link #SHARD}, {@link #OUTCOME}. */
    static final String ROWS = "shardkit.batch.rows";
    /** Distribution of rows per committed batch; tags {@link #WRITER}, {@link #SHARD}. */
    static final String SIZE = "shardkit.batch.size";
    /** Timer of each attempt at a batch, its transaction included; tags {@link #WRITER}, {@link #SHARD}, {@link #OUTCOME}. */
    static final String FLUSH = "shardkit.batch.flush";
    /** Counter of attempts made again after a failure that may pass; tags {@link #WRITER}, {@link #SHARD}. */
    static final String RETRIES = "shardkit.batch.retries";
    /** Gauge of rows waiting or being written; tags {@link #WRITER}, {@link #SHARD}. */
    static final String PENDING = "shardkit.batch.pending";

    static final String WRITER = "writer";
    static final String SHARD = "shard";
    static final String OUTCOME = "outcome";

    /** The meters of one shard of one writer. */
    static final class OfShard {
        final Counter written;
        final Counter refused;
        final Counter failed;
        final DistributionSummary size;
        final Timer flushSuccess;
        final Timer flushError;
        final Counter retries;

        private final String writer;
        private final String shard;

        OfShard(MeterRegistry registry, String writer, ShardId shard) {
            String s = String.valueOf(shard.value());
            this.writer = writer;
            this.shard = s;
            this.written = rows(registry, writer, s, "written");
            this.refused = rows(registry, writer, s, "refused");
            this.failed = rows(registry, writer, s, "failed");
            this.size = DistributionSummary.builder(SIZE)
                    .description("rows per committed batch")
                    .tag(WRITER, writer)
                    .tag(SHARD, s)
                    .register(registry);
            this.flushSuccess = flush(registry, writer, s, "success");
            this.flushError = flush(registry, writer, s, "error");
            this.retries = Counter.builder(RETRIES)
                    .description("attempts at a batch made again after a failure that may pass")
                    .tag(WRITER, writer)
                    .tag(SHARD, s)
                    .register(registry);
        }

        /** Registers the gauge of the rows waiting in the shard's lane or being written. */
        <L> void pendingGauge(MeterRegistry registry, L lane, ToDoubleFunction<L> pending) {
            Gauge.builder(PENDING, lane, pending)
                    .description("rows waiting in the shard's lane or being written")
                    .tag(WRITER, writer)
                    .tag(SHARD, shard)
                    .register(registry);
        }

        void flushed(long nanos, boolean success) {
            (success ? flushSuccess : flushError).record(nanos, TimeUnit.NANOSECONDS);
        }

        private static Counter rows(MeterRegistry registry, String writer, String shard, String outcome) {
            return Counter.builder(ROWS)
                    .description("rows written, refused by the sink's rules, or failed")
                    .tag(WRITER, writer)
                    .tag(SHARD, shard)
                    .tag(OUTCOME, outcome)
                    .register(registry);
        }

        private static Timer flush(MeterRegistry registry, String writer, String shard, String outcome) {
            return Timer.builder(FLUSH)
                    .description("one attempt at a shard's batch, its transaction included")
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .tag(WRITER, writer)
                    .tag(SHARD, shard)
                    .tag(OUTCOME, outcome)
                    .register(registry);
        }
    }

    private BatchMeters() {}
}
