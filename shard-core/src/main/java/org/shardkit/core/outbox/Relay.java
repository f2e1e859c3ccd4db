package org.shardkit.core.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.Backoff;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.ShardkitException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relay pass: for each source shard, for each target shard with messages, apply the pair's
 * messages in id order until one fails or is backing off.
 *
 * <p>Each pair is relayed inside one transaction on the source shard that first takes the pair's
 * advisory lock with {@code pg_try_advisory_xact_lock}: a relay that finds it taken skips the pair
 * for this pass, so two relays never apply messages of one pair at once, and the one that comes
 * next reads only what the first left (its deletes commit with the release of the lock). Row locks
 * with {@code FOR UPDATE SKIP LOCKED} would not do: a second relay would skip the locked rows and
 * apply the later messages of the same pair, out of order.
 *
 * <p>Each message's handler runs in a transaction of its own on the target's primary; when it
 * commits, the message is deleted in the source transaction. A source transaction that is lost
 * (connection, server) rolls its deletes back, and those messages are applied again: at least once.
 * Thread-safe: passes may run at once on several threads, the locks keep them apart.
 */
final class Relay {
    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** The longest stored {@code last_error}: a stack of causes is for the log, not the row. */
    private static final int MAX_ERROR_LENGTH = 2000;

    private final ShardedDatabase db;
    private final OutboxTable table;
    private final Map<String, OutboxHandler> handlers;
    private final int batchSize;
    private final Backoff backoff;
    private final Clock clock;
    private final LongSupplier ticker;
    private final OutboxMeters meters;
    /** Source shards the last pass could not reach: logged once when lost and once when back. */
    private final Set<ShardId> unreachable = ConcurrentHashMap.newKeySet();

    /** A row read from a pair's batch. */
    private record Row(
            long id,
            String kind,
            String payload,
            Instant createdAt,
            int attempts,
            @Nullable Instant notBefore) {}

    Relay(
            ShardedDatabase db,
            OutboxTable table,
            Map<String, OutboxHandler> handlers,
            int batchSize,
            Backoff backoff,
            Clock clock,
            LongSupplier ticker,
            OutboxMeters meters) {
        this.db = db;
        this.table = table;
        this.handlers = Map.copyOf(handlers);
        this.batchSize = batchSize;
        this.backoff = backoff;
        this.clock = clock;
        this.ticker = ticker;
        this.meters = meters;
    }

    /**
     * Relays from every source shard once, skipping the sources it cannot reach.
     *
     * @return the number of messages whose handler committed in this pass
     */
    int pass() {
        long start = ticker.getAsLong();
        int applied = 0;
        for (ShardId source : db.shardIds()) {
            applied += fromSource(source);
        }
        meters.pass(Duration.ofNanos(ticker.getAsLong() - start));
        return applied;
    }

    /**
     * Counts the messages on every shard.
     *
     * @param skipUnreachable whether a shard that cannot be reached counts as none, or makes the count unknown
     * @return the count, or -1 if a shard could not be reached and {@code skipUnreachable} is false
     */
    long pending(boolean skipUnreachable) {
        long total = 0;
        for (ShardId shard : db.shardIds()) {
            try {
                total += db.withShardId(
                        shard, h -> h.select(table.count).mapTo(Long.class).one());
            } catch (ShardkitException e) {
                if (!skipUnreachable) {
                    return -1;
                }
                LOG.debug("outbox {}: {} not counted: {}", table, shard, e.toString());
            }
        }
        return total;
    }

    private int fromSource(ShardId source) {
        List<Integer> targets;
        try {
            targets = db.withShardId(source, h -> {
                Optional<OffsetDateTime> oldest =
                        h.select(table.oldest).mapTo(OffsetDateTime.class).findFirst();
                meters.oldestAge(source, oldest.map(this::secondsSince).orElse(0.0));
                return h.select(table.targets).mapTo(Integer.class).list();
            });
        } catch (ShardkitException e) {
            meters.oldestAge(source, Double.NaN);
            if (unreachable.add(source)) {
                LOG.warn(
                        "outbox {}: relay skips source {} until it answers; its messages wait: {}",
                        table,
                        source,
                        e.toString());
            }
            return 0;
        }
        if (unreachable.remove(source)) {
            LOG.info("outbox {}: source {} answers again; relaying from it", table, source);
        }
        int applied = 0;
        for (int target : targets) {
            applied += pair(source, ShardId.of(target));
        }
        return applied;
    }

    private double secondsSince(OffsetDateTime createdAt) {
        return Math.max(
                0, Duration.between(createdAt.toInstant(), clock.instant()).toNanos() / 1e9);
    }

    private int pair(ShardId source, ShardId target) {
        int[] applied = {0};
        try {
            db.withShardId(source, h -> h.inTransaction(tx -> relayLocked(tx, source, target, applied)));
        } catch (ShardkitException e) {
            // The source transaction is gone: deletes of messages already applied roll back with it,
            // so those are applied again by a later pass (at least once; handlers are idempotent).
            LOG.warn(
                    "outbox {}: relay from {} to {} stopped after {} applied message(s), which will be applied again: {}",
                    table,
                    source,
                    target,
                    applied[0],
                    e.toString());
        }
        return applied[0];
    }

    private boolean relayLocked(Handle tx, ShardId source, ShardId target, int[] applied) {
        boolean locked = tx.select(table.lockPair, table.name(), target.value())
                .mapTo(Boolean.class)
                .one();
        if (!locked) {
            LOG.debug("outbox {}: another relay holds {} -> {}; skipped this pass", table, source, target);
            return false;
        }
        List<Row> rows = tx.select(table.batch, target.value(), batchSize)
                .map((rs, ctx) -> new Row(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("payload"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts"),
                        instantOrNull(rs.getObject("next_attempt_at", OffsetDateTime.class))))
                .list();
        for (Row row : rows) {
            Instant now = clock.instant();
            Instant notBefore = row.notBefore();
            if (notBefore != null && notBefore.isAfter(now)) {
                break; // backing off: the later messages of the pair wait behind it, to keep the order
            }
            OutboxMessage message =
                    new OutboxMessage(row.id(), source, target, row.kind(), row.payload(), row.createdAt());
            try {
                apply(message);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                recordFailure(tx, message, row.attempts() + 1, now, e);
                break;
            }
            // Counted once the handler committed, whether or not the delete below makes it to disk.
            applied[0]++;
            meters.applied(source, target, row.kind());
            tx.execute(table.delete, row.id());
        }
        return true;
    }

    private void apply(OutboxMessage message) throws Exception {
        OutboxHandler handler = handlers.get(message.kind());
        if (handler == null) {
            throw new IllegalStateException("no handler for kind '" + message.kind()
                    + "' is registered in this process (registered: " + handlers.keySet()
                    + "); every process that relays must register every kind");
        }
        db.withShardId(
                message.target(),
                th -> th.inTransaction(t -> {
                    handler.apply(t, message);
                    return Boolean.TRUE;
                }));
    }

    private void recordFailure(Handle tx, OutboxMessage message, int attempts, Instant now, Exception cause) {
        Duration wait = backoff.after(attempts);
        tx.execute(
                table.recordFailure,
                attempts,
                truncate(cause.toString()),
                Timestamp.from(now.plus(wait)),
                message.id());
        meters.failed(message.source(), message.target(), message.kind());
        LOG.warn(
                "outbox {}: message {} (kind {}) from {} to {} failed on attempt {}; it and the later messages"
                        + " from {} to {} wait {} ms before the next try: {}",
                table,
                message.id(),
                message.kind(),
                message.source(),
                message.target(),
                attempts,
                message.source(),
                message.target(),
                wait.toMillis(),
                cause.toString());
        LOG.debug("outbox {}: cause of the failure of message {}", table, message.id(), cause);
    }

    private static @Nullable Instant instantOrNull(@Nullable OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s) {
        return s.length() <= MAX_ERROR_LENGTH ? s : s.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }
}
