package org.shardkit.benchmarks.load.systems;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Borrowing a connection for a unit of work: in one transaction, or statement by statement (auto-commit). */
final class Tx {
    private Tx() {}

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work in one transaction: committed if it returns, rolled back if it throws. */
    static <T> T inTransaction(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            T result;
            try {
                result = work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                try {
                    c.setAutoCommit(true);
                } catch (SQLException suppressed) {
                    // The work's failure is what the caller must see; this one rides along.
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            c.setAutoCommit(true);
            return result;
        }
    }

    /** Runs the work with auto-commit on: each statement is its own transaction, committed at once. */
    static <T> T autoCommit(DataSource ds, Work<T> work) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return work.run(c);
        }
    }
}
