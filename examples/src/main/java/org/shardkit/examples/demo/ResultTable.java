package org.shardkit.examples.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo's one table: per operation the calls, errors, p50/p95/p99 and throughput over the run,
 * then per shard the rows it holds and, under them, each column's skew (largest shard over the
 * mean). Failed calls' first messages follow, so an error count is never left unexplained.
 *
 * <p>Stateless; thread-safe.
 */
final class ResultTable {
    private static final String OPERATIONS_HEADER = String.format(
            Locale.ROOT,
            "%-20s %10s %8s %9s %9s %9s %10s",
            "operation",
            "calls",
            "errors",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "ops/s");
    private static final String SHARDS_HEADER =
            String.format(Locale.ROOT, "%-20s %12s %16s %14s", "shard", "agents", "friendship rows", "interactions");

    private ResultTable() {}

    /**
     * Renders the table.
     *
     * @param title the first line, e.g. what ran and for how long
     * @param operations every operation's figures
     * @param window the time the calls were made in (throughput is calls over it)
     * @param shards every shard's rows
     * @return the table, lines ending with {@code \n}
     */
    static String render(
            String title, List<OperationStats.Summary> operations, Duration window, List<ShardRows> shards) {
        Objects.requireNonNull(title, "title");
        double seconds = Math.max(1e-9, window.toNanos() / 1e9);
        StringBuilder s = new StringBuilder();
        s.append(title).append('\n').append('\n');
        s.append(OPERATIONS_HEADER).append('\n');
        s.append("-".repeat(OPERATIONS_HEADER.length())).append('\n');
        long calls = 0;
        long errors = 0;
        for (OperationStats.Summary op : operations) {
            calls += op.count();
            errors += op.errors();
            s.append(String.format(
                            Locale.ROOT,
                            "%-20s %,10d %,8d %9.2f %9.2f %9.2f %,10.1f",
                            op.operation().label(),
                            op.count(),
                            op.errors(),
                            op.p50(),
                            op.p95(),
                            op.p99(),
                            op.count() / seconds))
                    .append('\n');
        }
        s.append(String.format(
                        Locale.ROOT,
                        "%-20s %,10d %,8d %9s %9s %9s %,10.1f",
                        "all",
                        calls,
                        errors,
                        "",
                        "",
                        "",
                        calls / seconds))
                .append('\n');
        s.append('\n').append(SHARDS_HEADER).append('\n');
        s.append("-".repeat(SHARDS_HEADER.length())).append('\n');
        for (ShardRows r : shards) {
            s.append(String.format(
                            Locale.ROOT,
                            "%-20s %,12d %,16d %,14d",
                            r.name(),
                            r.agents(),
                            r.friendships(),
                            r.interactions()))
                    .append('\n');
        }
        s.append(String.format(
                        Locale.ROOT,
                        "%-20s %12.2f %16.2f %14.2f",
                        "skew (max/mean)",
                        ShardRows.skew(shards, ShardRows::agents),
                        ShardRows.skew(shards, ShardRows::friendships),
                        ShardRows.skew(shards, ShardRows::interactions)))
                .append('\n');
        for (OperationStats.Summary op : operations) {
            for (String sample : op.errorSamples()) {
                s.append("error in ")
                        .append(op.operation().label())
                        .append(": ")
                        .append(sample)
                        .append('\n');
            }
        }
        return s.toString();
    }
}
