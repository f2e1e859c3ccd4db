package org.shardkit.core.idgen;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.shardkit.idgen.WorkerIdUnavailableException;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdLease;

/**
 * Leases worker ids from a PostgreSQL table, so that no two live generators share one.
 *
 * <pre>{@code
 * try (PostgresWorkerIdAssigner assigner = PostgresWorkerIdAssigner.builder(dataSource).build();
 *         IdGenerator ids = IdGenerator.builder().workerIdAssigner(assigner).build()) {
 *     long id = ids.nextId();
 * }
 * }</pre>
 *
 * <p>The table ({@value #DEFAULT_TABLE} by default, created if missing, with one row per worker id)
 * holds {@code worker_id, owner, expires_at, last_timestamp}. Acquiring takes the lowest worker id
 * that is free or expired, in one {@code UPDATE ... FOR UPDATE SKIP LOCKED} statement, so concurrent
 * processes get different ids. Expiry is judged by the database's clock alone. A heartbeat renews
 * the lease every {@code renewInterval}; the generator stops issuing IDs {@code safetyMargin} before
 * the lease could expire ({@code leaseTtl} after the last renewal was sent), and a lease found taken
 * over is a {@link org.shardkit.idgen.WorkerIdLeaseLostException}.
 *
 * <p>Each renewal stores that deadline in {@code last_timestamp}, and a release stores the last
 * issued timestamp; the next holder issues only later timestamps, waiting or refusing if its clock
 * is behind. Thread-safe; one assigner can serve many generators. {@link #close()} stops the
 * heartbeat thread it created.
 */
public final class PostgresWorkerIdAssigner implements WorkerIdAssigner, AutoCloseable {

    /** Default table name: {@value}. */
    public static final String DEFAULT_TABLE = "shardkit_worker_id";

    /** What a table name may be: lower case, optionally schema-qualified. */
    public static final String TABLE_PATTERN = "[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?";

    private static final Pattern TABLE_NAME = Pattern.compile(TABLE_PATTERN);
    private static final AtomicLong LEASES = new AtomicLong();

    private final DataSource dataSource;
    private final String table;
    private final LeaseTimings timings;
    private final String owner;
    private final LeaseRenewals renewals;
    private final AtomicLong preparedUpTo = new AtomicLong(-1);

    private PostgresWorkerIdAssigner(DataSource dataSource, String table, LeaseAssignerBuilder<?> b) {
        this.dataSource = dataSource;
        this.table = table;
        this.timings = b.timings.validated();
        this.owner = b.owner;
        this.renewals = new LeaseRenewals(b.scheduler, timings);
    }

    /**
     * Returns a builder for leases in the table {@value #DEFAULT_TABLE}, with a lease TTL of 30 s,
     * renewal every 10 s and a safety margin of 5 s.
     *
     * @param dataSource where the table lives; a pool is best, one connection is used at a time
     * @return a new builder
     */
    public static LeaseAssignerBuilder<PostgresWorkerIdAssigner> builder(DataSource dataSource) {
        return builder(dataSource, DEFAULT_TABLE);
    }

    /**
     * Returns a builder for leases in a table of this name, in the connection's current schema
     * unless qualified.
     *
     * @param dataSource where the table lives
     * @param table a lower-case name matching {@value #TABLE_PATTERN}
     * @return a new builder
     * @throws IllegalArgumentException if the name is not a plain lower-case identifier
     */
    public static LeaseAssignerBuilder<PostgresWorkerIdAssigner> builder(DataSource dataSource, String table) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException(
                    "table must be a lower-case identifier, optionally schema-qualified, but was " + table);
        }
        return new LeaseAssignerBuilder<>(b -> new PostgresWorkerIdAssigner(dataSource, table, b));
    }

    /**
     * Leases the lowest free or expired worker id in {@code [0, maxWorkerId]} and starts its
     * heartbeat. Creates the table and its rows if missing.
     *
     * @throws WorkerIdUnavailableException if every worker id is leased, or the database failed
     */
    @Override
    public WorkerIdLease acquire(long maxWorkerId, Clock clock) {
        String leaseOwner = owner + "#" + LEASES.incrementAndGet();
        try (Connection c = dataSource.getConnection()) {
            prepare(c, maxWorkerId);
            long start = clock.millis();
            long deadline = timings.deadlineAfter(start);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " AS t"
                    + " SET owner = ?, expires_at = clock_timestamp() + ? * interval '1 millisecond',"
                    + " last_timestamp = GREATEST(t.last_timestamp, ?)"
                    + " FROM (SELECT worker_id, last_timestamp FROM " + table
                    + " WHERE worker_id <= ? AND (owner IS NULL OR expires_at < clock_timestamp())"
                    + " ORDER BY worker_id LIMIT 1 FOR UPDATE SKIP LOCKED) AS free"
                    + " WHERE t.worker_id = free.worker_id"
                    + " RETURNING t.worker_id, free.last_timestamp")) {
                ps.setString(1, leaseOwner);
                ps.setLong(2, timings.ttlMillis());
                ps.setLong(3, deadline);
                ps.setLong(4, maxWorkerId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new WorkerIdUnavailableException("all " + (maxWorkerId + 1) + " worker ids [0, "
                                + maxWorkerId + "] in PostgreSQL table " + table + " are leased");
                    }
                    long workerId = rs.getLong(1);
                    long last = rs.getLong(2);
                    if (rs.wasNull()) {
                        last = WorkerIdLease.NO_TIMESTAMP;
                    }
                    Lease lease = new Lease(workerId, last, start, clock, leaseOwner);
                    renewals.start(lease);
                    return lease;
                }
            }
        } catch (SQLException e) {
            throw new WorkerIdUnavailableException(
                    "could not lease a worker id from PostgreSQL table " + table + ": " + e.getMessage() + " (SQLState "
                            + e.getSQLState() + ")",
                    e);
        }
    }

    private void prepare(Connection c, long maxWorkerId) throws SQLException {
        if (preparedUpTo.get() >= maxWorkerId) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement();
                PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))");
                PreparedStatement rows = c.prepareStatement("INSERT INTO " + table
                        + " (worker_id) SELECT generate_series(0, ?) ON CONFLICT (worker_id) DO NOTHING")) {
            // Serialise concurrent creators: CREATE TABLE IF NOT EXISTS alone can race.
            lock.setString(1, "shardkit:" + table);
            lock.execute();
            st.execute("CREATE TABLE IF NOT EXISTS " + table + " (worker_id integer PRIMARY KEY, owner text,"
                    + " expires_at timestamptz, last_timestamp bigint)");
            rows.setLong(1, maxWorkerId);
            rows.executeUpdate();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        preparedUpTo.accumulateAndGet(maxWorkerId, Math::max);
    }

    /**
     * Renews every lease of this assigner now, instead of waiting for the heartbeat.
     *
     * @return how many leases are still held
     */
    public int renewAll() {
        return renewals.renewAll();
    }

    /**
     * Returns the table name.
     *
     * @return the table, possibly schema-qualified
     */
    public String table() {
        return table;
    }

    /** Stops the heartbeat thread if this assigner created it. Leases not released expire by themselves. */
    @Override
    public void close() {
        renewals.close();
    }

    @Override
    public String toString() {
        return "PostgresWorkerIdAssigner[table=" + table + ", owner=" + owner + ", " + timings + "]";
    }

    private final class Lease extends RenewingLease {
        Lease(long workerId, long lastTimestamp, long start, Clock clock, String leaseOwner) {
            super(workerId, lastTimestamp, start, clock, timings, leaseOwner, "PostgreSQL table " + table);
        }

        @Override
        boolean renewInStore(String leaseOwner, long newDeadline) {
            return update(
                    "UPDATE " + table + " SET expires_at = clock_timestamp() + ? * interval '1 millisecond',"
                            + " last_timestamp = GREATEST(last_timestamp, ?) WHERE worker_id = ? AND owner = ?",
                    timings.ttlMillis(),
                    newDeadline,
                    leaseOwner);
        }

        @Override
        void releaseInStore(String leaseOwner, long lastIssued) {
            update(
                    "UPDATE " + table + " SET owner = NULL, expires_at = NULL, last_timestamp = ?"
                            + " WHERE worker_id = ? AND owner = ?",
                    null,
                    lastIssued,
                    leaseOwner);
        }

        private boolean update(String sql, @Nullable Long ttl, long timestamp, String leaseOwner) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (ttl != null) {
                    ps.setLong(i++, ttl);
                }
                ps.setLong(i++, timestamp);
                ps.setLong(i++, workerId());
                ps.setString(i, leaseOwner);
                return ps.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new WorkerIdUnavailableException(
                        "PostgreSQL table " + table + ", worker id " + workerId() + ": " + e.getMessage()
                                + " (SQLState " + e.getSQLState() + ")",
                        e);
            }
        }
    }
}
