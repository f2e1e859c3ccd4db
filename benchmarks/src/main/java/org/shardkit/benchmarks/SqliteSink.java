package org.shardkit.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * SQLite (sqlite-jdbc) as a journal: WAL mode with {@code synchronous=FULL}, under which SQLite
 * syncs the WAL at every commit, so a committed group is on disk. Setup reads both settings back and
 * refuses to run on anything else. One table {@code journal(seq INTEGER PRIMARY KEY, payload BLOB)}.
 */
final class SqliteSink implements GroupCommitLog.Sink {
    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement delete;

    SqliteSink(Path file) throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            check(s, "PRAGMA journal_mode", "wal");
            check(s, "PRAGMA synchronous", "2"); // FULL
            s.execute("CREATE TABLE journal(seq INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
        }
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO journal(seq, payload) VALUES (?, ?)");
        delete = connection.prepareStatement("DELETE FROM journal WHERE seq = ?");
    }

    private static void check(Statement s, String pragma, String expected) throws SQLException {
        try (ResultSet rs = s.executeQuery(pragma)) {
            String actual = rs.next() ? rs.getString(1) : null;
            if (!expected.equalsIgnoreCase(actual)) {
                throw new IllegalStateException(pragma + " is " + actual + ", not " + expected + ": not durable");
            }
        }
    }

    @Override
    public void commit(long first, List<byte[]> payloads, List<Long> done) throws SQLException {
        for (int i = 0; i < payloads.size(); i++) {
            insert.setLong(1, first + i);
            insert.setBytes(2, payloads.get(i));
            insert.addBatch();
        }
        insert.executeBatch();
        if (!done.isEmpty()) {
            for (long seq : done) {
                delete.setLong(1, seq);
                delete.addBatch();
            }
            delete.executeBatch();
        }
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
