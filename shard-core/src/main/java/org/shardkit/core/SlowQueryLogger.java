package org.shardkit.core;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jdbi {@link SqlLogger} that logs statements slower than a threshold, at WARN on the logger
 * {@value #LOGGER_NAME}, with the shard, the duration and the SQL; bind values only when enabled
 * (they may hold personal data).
 *
 * <p>Thread-safe.
 */
final class SlowQueryLogger implements SqlLogger {
    /** The SLF4J logger name slow statements are logged to. */
    static final String LOGGER_NAME = "org.shardkit.slowquery";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private final String shard;
    private final long thresholdNanos;
    private final boolean logBindValues;

    /**
     * Creates the logger.
     *
     * @param shard the shard's label, e.g. {@code shard 2 (social_2)}
     * @param threshold statements taking longer are logged; zero logs all
     * @param logBindValues whether to include bind values
     */
    SlowQueryLogger(String shard, Duration threshold, boolean logBindValues) {
        this.shard = Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must be >= 0, but was " + threshold);
        }
        this.thresholdNanos = threshold.toNanos();
        this.logBindValues = logBindValues;
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        log(context, null);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        log(context, ex);
    }

    private void log(StatementContext context, @Nullable SQLException ex) {
        Instant start = context.getExecutionMoment();
        Instant end =
                context.getCompletionMoment() != null ? context.getCompletionMoment() : context.getExceptionMoment();
        if (start == null || end == null) {
            return;
        }
        long nanos = Duration.between(start, end).toNanos();
        if (nanos < thresholdNanos || !LOG.isWarnEnabled()) {
            return;
        }
        String sql = context.getRenderedSql();
        String binds = logBindValues ? " binds=" + context.getBinding() : "";
        String failed = ex == null ? "" : " failed [SQLState " + ex.getSQLState() + "]";
        LOG.warn(
                "slow query on {}: {} ms (threshold {} ms){}: {}{}",
                shard,
                nanos / 1_000_000,
                thresholdNanos / 1_000_000,
                failed,
                sql,
                binds);
    }
}
