package org.shardkit.examples.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One table's load on one shard: its own connection and transaction, which empties the table, then
 * streams binary {@code COPY ... FREEZE}, then commits when told. Commits are asynchronous
 * ({@code synchronous_commit = off} for this transaction only): a crash loses at most the last load,
 * which is loaded again anyway. With {@code rebuildIndexes}, the table's secondary indexes (not
 * its primary key or unique ones) are dropped in the same transaction and created again, from their
 * own definitions ({@code pg_get_indexdef}), after the rows: one sort instead of a random insert
 * per row. Not thread-safe: one writer thread owns it.
 */
final class CopyStream implements AutoCloseable {
    /** The memory each index build may sort in. */
    static final String INDEX_MEMORY = "256MB";

    private static final String SECONDARY_INDEXES = "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)"
            + " FROM pg_index i WHERE i.indrelid = CAST(? AS regclass) AND NOT i.indisprimary AND NOT i.indisunique"
            + " ORDER BY 1";

    private final SeedTable table;
    private final int shard;
    private final Connection connection;
    private final List<String> indexes = new ArrayList<>();
    private @Nullable CopyIn copy;
    private long rows;

    private CopyStream(SeedTable table, int shard, Connection connection) {
        this.table = table;
        this.shard = shard;
        this.connection = connection;
    }

    /** Opens the stream: a transaction that truncates the table and starts the copy. */
    static CopyStream open(SeedTarget target, SeedTable table, int shard, boolean rebuildIndexes) throws SQLException {
        Connection c = target.connect(shard);
        CopyStream stream = new CopyStream(table, shard, c);
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL synchronous_commit = off");
                st.execute("TRUNCATE " + table.table());
                if (rebuildIndexes) {
                    stream.dropIndexes(st);
                }
            }
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(table.copySql());
            stream.copy = in;
            in.writeToCopy(CopyRows.HEADER, 0, CopyRows.HEADER.length);
        } catch (SQLException | RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    private void dropIndexes(Statement st) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SECONDARY_INDEXES)) {
            ps.setString(1, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
        }
        for (String name : names) {
            st.execute("DROP INDEX " + name);
        }
    }

    SeedTable table() {
        return table;
    }

    int shard() {
        return shard;
    }

    long rows() {
        return rows;
    }

    /** Sends encoded rows. */
    void write(byte[] bytes, int length, int rowCount) throws SQLException {
        requireCopy().writeToCopy(bytes, 0, length);
        rows += rowCount;
    }

    /**
     * Ends the copy and builds the dropped indexes again, leaving the transaction open: the phase
     * commits its streams only once every one of them got this far ({@link #commit()}).
     */
    void complete() throws SQLException {
        CopyIn in = requireCopy();
        in.writeToCopy(CopyRows.TRAILER, 0, CopyRows.TRAILER.length);
        in.endCopy();
        copy = null;
        if (!indexes.isEmpty()) {
            try (Statement st = connection.createStatement()) {
                st.execute("SET LOCAL maintenance_work_mem = '" + INDEX_MEMORY + "'");
                for (String definition : indexes) {
                    st.execute(definition);
                }
            }
        }
    }

    /** Commits a {@linkplain #complete() completed} load. */
    void commit() throws SQLException {
        if (copy != null) {
            throw new IllegalStateException(table.table() + " on shard " + shard + " is still copying");
        }
        connection.commit();
    }

    /** Cancels the copy if it runs, rolls back and closes the connection; never throws. */
    @Override
    public void close() {
        CopyIn in = copy;
        copy = null;
        try {
            if (in != null && in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            // The connection is rolled back and closed next; the copy dies with it.
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // Closing the connection ends the transaction anyway.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing more to release.
        }
    }

    private CopyIn requireCopy() {
        CopyIn in = copy;
        if (in == null) {
            throw new IllegalStateException(table.table() + " on shard " + shard + " is not copying");
        }
        return in;
    }
}
