package org.shardkit.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.shardkit.testing.ShardServersExtension;

/**
 * Every statement text a PostgreSQL server received, read back from the server's own log: the
 * servers run with {@link #SETTINGS} ({@code log_statement=all}, bind values left out of the log,
 * JSON lines), so each statement is logged as the server parsed it — through Jdbi, raw JDBC or
 * anything else. A window is opened by a marker statement and closed by another; {@link
 * #statements(List)} returns what was logged in between.
 *
 * <p>This is the sound way to show that no statement is built from input: a Jdbi {@code SqlLogger}
 * sees only statements sent through Jdbi (the repository also uses raw {@code PreparedStatement}s),
 * and {@code pg_stat_statements} replaces literals with {@code $n}, so a value spliced into SQL as a
 * literal would not show there.
 */
final class ServerStatementLog {
    /** The server settings this log needs; passed to the extension as {@code serverSetting}s. */
    static final Map<String, String> SETTINGS = Map.of(
            "logging_collector", "on",
            "log_destination", "jsonlog",
            "log_statement", "all",
            "log_parameter_max_length", "0",
            "log_rotation_size", "0");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);

    private final String begin;
    private final String end;

    private ServerStatementLog(String tag) {
        this.begin = "SELECT 'statement-log-begin " + tag + "'";
        this.end = "SELECT 'statement-log-end " + tag + "'";
    }

    /** Adds the settings to an extension builder. */
    static ShardServersExtension.Builder configure(ShardServersExtension.Builder b) {
        SETTINGS.forEach(b::serverSetting);
        return b;
    }

    /** Opens a window on every shard: statements from now on are in {@link #statements(List)}. */
    static ServerStatementLog open(String tag, List<Connection> shards) throws SQLException {
        ServerStatementLog log = new ServerStatementLog(tag);
        for (Connection c : shards) {
            try (Statement st = c.createStatement()) {
                st.execute(log.begin);
            }
        }
        return log;
    }

    /** Closes the window and returns every statement text logged in it, on every shard. */
    List<String> statements(List<Connection> shards) throws SQLException {
        List<String> all = new ArrayList<>();
        for (Connection c : shards) {
            try (Statement st = c.createStatement()) {
                st.execute(end);
            }
            all.addAll(window(c));
        }
        return all;
    }

    /** The statements between the markers in one server's log; waits for the logger process to write the end. */
    private List<String> window(Connection c) throws SQLException {
        long deadline = System.nanoTime() + FLUSH_WAIT.toNanos();
        while (true) {
            List<JsonNode> entries = entries(c);
            int from = indexOf(entries, begin);
            int to = indexOf(entries, end);
            if (from >= 0 && to > from) {
                List<String> texts = new ArrayList<>();
                for (JsonNode e : entries.subList(from + 1, to)) {
                    texts.addAll(statementTexts(e));
                }
                return texts;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server log has no window " + begin + " … " + end + " after " + FLUSH_WAIT
                        + " (" + entries.size() + " entries)");
            }
            Thread.onSpinWait(); // the logger process writes within milliseconds; read again
        }
    }

    private static int indexOf(List<JsonNode> entries, String marker) {
        for (int i = 0; i < entries.size(); i++) {
            if (statementTexts(entries.get(i)).stream().anyMatch(t -> t.contains(marker))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The statement texts an entry carries: the message of a statement log line ({@code statement:},
     * {@code execute <name>:}), and the {@code statement} and {@code internal_query} an error reports.
     * Error messages and details are left out: they may quote a bound value (a duplicate key), which
     * is not a statement built from it.
     */
    private static List<String> statementTexts(JsonNode e) {
        List<String> texts = new ArrayList<>();
        String severity = e.path("error_severity").asText("");
        String message = e.path("message").asText("");
        if ("LOG".equals(severity)
                && (message.startsWith("statement: ")
                        || message.startsWith("execute ")
                        || message.startsWith("parse ")
                        || message.startsWith("bind "))) {
            texts.add(message);
        }
        for (String key : List.of("statement", "internal_query")) {
            if (e.hasNonNull(key)) {
                texts.add(e.get(key).asText());
            }
        }
        return texts;
    }

    private static List<JsonNode> entries(Connection c) throws SQLException {
        String file;
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_logfile('jsonlog')")) {
            rs.next();
            file = rs.getString(1);
        }
        if (file == null) {
            throw new AssertionError("the server writes no jsonlog: it needs " + SETTINGS);
        }
        byte[] bytes;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_read_binary_file(?)")) {
            ps.setString(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                bytes = rs.getBytes(1);
            }
        }
        List<JsonNode> entries = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        // The last piece is what follows the last newline: a line the logger is still writing, if any.
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                entries.add(JSON.readTree(lines[i]));
            } catch (IOException e) {
                throw new UncheckedIOException("not a jsonlog line: " + lines[i], e);
            }
        }
        return entries;
    }
}
