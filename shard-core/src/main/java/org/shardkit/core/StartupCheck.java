package org.shardkit.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The eager startup check: connects to every primary at once and fails, naming every unreachable
 * shard with its URL and the cause, if any is down.
 */
final class StartupCheck {
    private StartupCheck() {}

    /**
     * Checks every shard's primary in parallel.
     *
     * @param shards the shards
     * @param executor where the checks run: not the common pool, which runs one task at a time on 2
     *     cores and would make N dead shards cost N connection timeouts
     * @throws ShardStartupException naming every unreachable shard
     */
    static void checkPrimaries(List<Shard> shards, Executor executor) {
        Map<Shard, CompletableFuture<@Nullable Throwable>> checks = new LinkedHashMap<>();
        for (Shard shard : shards) {
            try {
                checks.put(shard, CompletableFuture.supplyAsync(() -> check(shard.primary()), executor));
            } catch (RejectedExecutionException e) {
                throw new ShardkitException(
                        shard.id(),
                        "the startup check of " + shard + " was refused by the scatter executor (" + executor
                                + "): give ShardedDatabase a running executor",
                        e);
            }
        }
        Map<ShardId, String> failures = new LinkedHashMap<>();
        Throwable first = null;
        for (Map.Entry<Shard, CompletableFuture<@Nullable Throwable>> e : checks.entrySet()) {
            Throwable failure = e.getValue().join();
            if (failure != null) {
                Shard shard = e.getKey();
                failures.put(
                        shard.id(),
                        "(" + shard.name() + ") at "
                                + shard.primary().endpoint().url() + ": " + SqlFailures.rootMessage(failure));
                if (first == null) {
                    first = failure;
                }
            }
        }
        if (first != null) {
            throw new ShardStartupException(failures, first);
        }
    }

    /** Takes a connection and validates it within the pool's own connection timeout. */
    private static @Nullable Throwable check(ShardPool pool) {
        try (Connection c = pool.dataSource().getConnection()) {
            return c.isValid(pool.validationTimeoutSeconds()) ? null : new SQLException("connection is not valid");
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }
}
