package org.shardkit.core.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.shardkit.core.ShardId;

/**
 * A table rows are loaded into, idempotently: a row whose key is already in the table is skipped.
 * Used as the {@link BatchSink} of a {@link BatchWriter}, or by a sink of one's own that loads several
 * tables in one transaction ({@link #load} tells which rows were new, so that counters move once).
 *
 * <pre>{@code
 * BatchTable<Event> events = BatchTable.<Event>builder("event")
 *         .bigint("id", Event::id)
 *         .bigint("agent_id", Event::agentId)
 *         .text("body", Event::body)
 *         .timestamptz("created_at", Event::createdAt)
 *         .key("id")                      // a primary key or unique index on these columns
 *         .build();                       // LoadMethod.COPY unless method(..) says otherwise
 * }</pre>
 *
 * <p>Names are checked against {@code [A-Za-z_][A-Za-z0-9_]*} (a table may be schema-qualified) and
 * quoted into the statements; values are never put into SQL. Immutable and thread-safe.
 *
 * @param <R> the row type
 */
public final class BatchTable<R> implements BatchSink<R> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String UNIQUE_VIOLATION = "23505";

    private final String table;
    private final List<Column<R>> columns;
    private final List<Column<R>> key;
    private final LoadMethod method;
    private final String copySql;
    private final String insertSql;

    private BatchTable(Builder<R> b) {
        this.table = b.table;
        this.columns = List.copyOf(b.columns);
        this.method = b.method;
        List<Column<R>> keys = new ArrayList<>();
        for (String k : b.key) {
            // build() checked that each key column is a column.
            keys.add(columns.stream().filter(c -> c.name.equals(k)).findFirst().orElseThrow());
        }
        this.key = List.copyOf(keys);
        String cols = String.join(", ", columns.stream().map(c -> quote(c.name)).toList());
        String keyCols = String.join(", ", key.stream().map(c -> quote(c.name)).toList());
        this.copySql = "COPY " + quoteTable(table) + " (" + cols + ") FROM STDIN";
        StringBuilder unnest = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            Column<R> c = columns.get(i);
            unnest.append(i == 0 ? "" : ", ")
                    .append("?::text[]")
                    .append(c.type == Column.Type.TEXT ? "" : "::" + c.type.pgType + "[]");
        }
        this.insertSql = "INSERT INTO " + quoteTable(table) + " (" + cols + ") SELECT * FROM unnest(" + unnest
                + ") ON CONFLICT (" + keyCols + ") DO NOTHING RETURNING "
                + String.join(
                        ", ", key.stream().map(c -> quote(c.name) + "::text").toList());
    }

    /**
     * Returns a builder for a table.
     *
     * @param table the table's name, optionally {@code schema.table}
     * @throws IllegalArgumentException if the name is not a plain identifier
     */
    public static <R> Builder<R> builder(String table) {
        return new Builder<>(table);
    }

    /** Returns the table's name. */
    public String table() {
        return table;
    }

    /** Returns how rows are loaded. */
    public LoadMethod method() {
        return method;
    }

    /** Loads the rows; the batch writer's sink. */
    @Override
    public void write(Connection connection, ShardId shard, List<R> rows, Refusals refusals) throws SQLException {
        load(connection, rows);
    }

    /**
     * Loads rows in the caller's open transaction and tells which were new: a row whose key the table
     * already held (or that an earlier row of the same list had) is not inserted and not set.
     *
     * @param connection a pgjdbc connection (or a pool's proxy of one), auto-commit off
     * @param rows the rows, not empty
     * @return the indexes of the rows inserted
     * @throws IllegalArgumentException if a text value holds NUL
     * @throws SQLException a statement failed
     */
    public BitSet load(Connection connection, List<R> rows) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        if (Objects.requireNonNull(rows, "rows").isEmpty()) {
            throw new IllegalArgumentException("rows must not be empty");
        }
        if (method == LoadMethod.COPY) {
            byte[] text = CopyText.encode(columns, rows);
            Savepoint before = connection.setSavepoint();
            try {
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(copySql, new ByteArrayInputStream(text), 64 * 1024);
                BitSet all = new BitSet(rows.size());
                all.set(0, rows.size());
                return all;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // A key is there already (a replayed batch): go row by row through ON CONFLICT instead.
                connection.rollback(before);
            } catch (IOException e) {
                throw new SQLException("COPY into " + table + " failed reading its own buffer", "58030", e);
            }
        }
        return insert(connection, rows);
    }

    private BitSet insert(Connection connection, List<R> rows) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(insertSql)) {
            List<Array> arrays = new ArrayList<>(columns.size());
            try {
                for (int c = 0; c < columns.size(); c++) {
                    Column<R> column = columns.get(c);
                    String[] values = new String[rows.size()];
                    for (int r = 0; r < rows.size(); r++) {
                        values[r] = column.text(rows.get(r));
                    }
                    Array array = connection.createArrayOf("text", values);
                    arrays.add(array);
                    ps.setArray(c + 1, array);
                }
                Set<String> inserted = new LinkedHashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StringBuilder k = new StringBuilder();
                        for (int i = 1; i <= key.size(); i++) {
                            appendKeyPart(k, rs.getString(i));
                        }
                        inserted.add(k.toString());
                    }
                }
                return indexesOf(rows, inserted);
            } finally {
                for (Array a : arrays) {
                    a.free();
                }
            }
        }
    }

    /** Maps the inserted keys back to the first row of each key. */
    private BitSet indexesOf(List<R> rows, Set<String> inserted) {
        BitSet out = new BitSet(rows.size());
        Map<String, Boolean> seen = new HashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            String k = keyOf(rows.get(r));
            if (inserted.contains(k) && seen.putIfAbsent(k, Boolean.TRUE) == null) {
                out.set(r);
            }
        }
        return out;
    }

    private String keyOf(R row) {
        StringBuilder k = new StringBuilder();
        for (Column<R> column : key) {
            appendKeyPart(k, column.text(row));
        }
        return k.toString();
    }

    /** Appends one key column as its length and text, so no two different keys join to the same string. */
    private static void appendKeyPart(StringBuilder k, @Nullable String part) {
        if (part == null) {
            k.append("-1:");
        } else {
            k.append(part.length()).append(':').append(part);
        }
    }

    @Override
    public String toString() {
        return "BatchTable{" + table + " " + names(columns) + ", key=" + names(key) + ", " + method + "}";
    }

    private static <R> List<String> names(List<Column<R>> columns) {
        return columns.stream().map(c -> c.name).toList();
    }

    private static String quote(String name) {
        return '"' + name + '"';
    }

    private static String quoteTable(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? quote(table) : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    private static String checkName(String what, @Nullable String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + " must match " + NAME.pattern() + ", but was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /**
     * Builds a {@link BatchTable}: its columns in the table's order of the {@code COPY} column list,
     * the key its idempotence relies on, and the load method. Not thread-safe.
     *
     * @param <R> the row type
     */
    public static final class Builder<R> {
        private final String table;
        private final List<Column<R>> columns = new ArrayList<>();
        private final List<String> key = new ArrayList<>();
        private LoadMethod method = LoadMethod.COPY;
        private boolean methodSet;

        private Builder(@Nullable String table) {
            if (table != null && table.indexOf('.') > 0) {
                checkName("table's schema", table.substring(0, table.indexOf('.')));
                checkName("table", table.substring(table.indexOf('.') + 1));
            } else {
                checkName("table", table);
            }
            this.table = Objects.requireNonNull(table);
        }

        /** Adds a {@code bigint} column. */
        public Builder<R> bigint(String name, ToLongFunction<R> value) {
            Objects.requireNonNull(value, "value");
            return column(name, Column.Type.BIGINT, r -> value.applyAsLong(r));
        }

        /** Adds an {@code integer} column. */
        public Builder<R> integer(String name, ToIntFunction<R> value) {
            Objects.requireNonNull(value, "value");
            return column(name, Column.Type.INTEGER, r -> value.applyAsInt(r));
        }

        /** Adds a {@code double precision} column. */
        public Builder<R> float8(String name, ToDoubleFunction<R> value) {
            Objects.requireNonNull(value, "value");
            return column(name, Column.Type.DOUBLE, r -> value.applyAsDouble(r));
        }

        /** Adds a {@code boolean} column. */
        public Builder<R> bool(String name, Predicate<R> value) {
            Objects.requireNonNull(value, "value");
            return column(name, Column.Type.BOOLEAN, r -> value.test(r));
        }

        /** Adds a {@code text} column; the function may return null for SQL NULL. */
        public Builder<R> text(String name, Function<R, @Nullable String> value) {
            Objects.requireNonNull(value, "value");
            return column(name, Column.Type.TEXT, value::apply);
        }

        /** Adds a {@code timestamptz} column (microsecond precision); the function may return null. */
        public Builder<R> timestamptz(String name, Function<R, @Nullable Instant> value) {
            Objects.requireNonNull(value, "value");
            return column(name, Column.Type.TIMESTAMPTZ, value::apply);
        }

        /**
         * Sets the key: columns of a primary key or unique index, of type bigint, integer or text, by
         * which a row already in the table is recognised and skipped. Required.
         */
        public Builder<R> key(String... names) {
            if (!key.isEmpty()) {
                throw new IllegalStateException(
                        "key was already set to " + key + ", cannot set it to " + java.util.Arrays.toString(names));
            }
            if (names.length == 0) {
                throw new IllegalArgumentException("key must name at least one column, but named none");
            }
            for (String n : names) {
                key.add(checkName("key column", n));
            }
            return this;
        }

        /** Sets how rows go in; {@link LoadMethod#COPY} by default. */
        public Builder<R> method(LoadMethod value) {
            if (methodSet) {
                throw new IllegalStateException("method was already set to " + method + ", cannot set it to " + value);
            }
            this.method = Objects.requireNonNull(value, "method");
            this.methodSet = true;
            return this;
        }

        /**
         * Returns the table.
         *
         * @throws IllegalStateException if no column or no key was given, or a key column is not one of
         *     the columns or is not of type bigint, integer or text
         */
        public BatchTable<R> build() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("table " + table + " has no columns: add at least one");
            }
            if (key.isEmpty()) {
                throw new IllegalStateException("table " + table + " has no key: key(..) names the columns of a"
                        + " primary key or unique index, by which replayed rows are skipped");
            }
            for (String k : key) {
                Column<R> c = columns.stream()
                        .filter(col -> col.name.equals(k))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException(
                                "key column " + k + " is not a column of " + table + " " + names(columns)));
                if (c.type != Column.Type.BIGINT && c.type != Column.Type.INTEGER && c.type != Column.Type.TEXT) {
                    throw new IllegalStateException(
                            "key column " + k + " of " + table + " must be bigint, integer or text, but is " + c.type);
                }
            }
            return new BatchTable<>(this);
        }

        private Builder<R> column(String name, Column.Type type, Function<R, @Nullable Object> value) {
            checkName("column", name);
            if (columns.stream().anyMatch(c -> c.name.equals(name))) {
                throw new IllegalArgumentException("column " + name + " was already added to " + table);
            }
            columns.add(new Column<>(name, type, value));
            return this;
        }
    }
}
