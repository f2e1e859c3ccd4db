package org.shardkit.social;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Counts the statements every shard's Jdbi sends, through a {@link SqlLogger} wrapped around the
 * one shard-core installs; registered with {@code ShardedDatabase.builder(config).configureJdbi(counter::install)}.
 * The outbox relay's own statements (its table's name is in them) are left out, since it polls in
 * the background.
 */
final class StatementCounter {
    private final List<String> statements = new ArrayList<>();

    void install(Jdbi jdbi) {
        SqlStatements config = jdbi.getConfig(SqlStatements.class);
        SqlLogger inner = config.getSqlLogger();
        config.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                String sql = context.getRenderedSql();
                if (sql != null && !sql.contains("outbox")) {
                    synchronized (statements) {
                        statements.add(sql);
                    }
                }
                inner.logBeforeExecution(context);
            }

            @Override
            public void logAfterExecution(StatementContext context) {
                inner.logAfterExecution(context);
            }

            @Override
            public void logException(StatementContext context, SQLException ex) {
                inner.logException(context, ex);
            }
        });
    }

    /** Returns the statements sent while {@code work} ran. */
    List<String> during(Runnable work) {
        synchronized (statements) {
            statements.clear();
        }
        work.run();
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }
}
