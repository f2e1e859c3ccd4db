package org.shardkit.core.batch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Encodes rows in the text format of PostgreSQL's {@code COPY}: tab between columns, a newline after
 * each row, {@code \N} for NULL, and backslash, tab, newline and carriage return escaped.
 */
final class CopyText {
    private CopyText() {}

    /** Returns the rows' {@code COPY} text, UTF-8 encoded. */
    static <R> byte[] encode(List<Column<R>> columns, List<R> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 16 * columns.size());
        for (R row : rows) {
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.append('\t');
                }
                append(out, columns.get(c).text(row));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, @Nullable String value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
