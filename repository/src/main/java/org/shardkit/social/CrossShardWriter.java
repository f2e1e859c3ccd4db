package org.shardkit.social;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardKey;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.outbox.Outbox;

/**
 * Writes a change whose rows live on two shards, in the repository's {@link CrossShardMode}. A
 * change has a deciding side, which checks the state and returns the message for the other side,
 * and a mirror side, which applies that message idempotently (a replayed message changes nothing).
 * Same shard: one local transaction runs both. Two-phase commit: one distributed unit runs both.
 * Outbox: the deciding side's transaction writes the message, the relay applies it later.
 *
 * <p>Locks: every cross-shard change locks rows in ascending agent (or community) id order, so
 * two-phase units cannot wait on each other in a cycle across shards; {@code lock_timeout} ends
 * any wait the order does not cover. Thread-safe.
 */
final class CrossShardWriter implements AutoCloseable {
    /** The social repository's own outbox table, apart from any the application uses. */
    static final String OUTBOX_TABLE = "shardkit_social_outbox";

    /** The deciding side: checks, writes its rows, returns its result and the mirror's message. */
    @FunctionalInterface
    interface Decide<T> {
        Decision<T> apply(Handle h);
    }

    /**
     * The mirror side: applies a message on its shard, idempotently. {@code relayed} is false when
     * it runs inside the deciding transaction or unit (it may still refuse, and roll everything
     * back), true when the outbox relay applies it after the decision committed (it must not refuse).
     */
    @FunctionalInterface
    interface Mirror {
        void apply(Handle h, String payload, boolean relayed);
    }

    /** A deciding side's outcome: the result for the caller, and the message (null: nothing to mirror). */
    record Decision<T>(T result, @Nullable String payload) {}

    private final ShardedDatabase db;
    private final CrossShardMode mode;
    private final Map<String, Mirror> mirrors;
    private final String lockTimeout;
    private final Outbox outbox;

    CrossShardWriter(
            ShardedDatabase db,
            CrossShardMode mode,
            Map<String, Mirror> mirrors,
            Duration lockTimeout,
            Duration relayInterval,
            @Nullable MeterRegistry registry) {
        this.db = db;
        this.mode = mode;
        this.mirrors = Map.copyOf(mirrors);
        this.lockTimeout = "SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'";
        // The relay runs in both modes: in two-phase mode it only drains what an earlier run in
        // outbox mode left, so switching modes loses nothing.
        Outbox.Builder b = Outbox.builder(db).table(OUTBOX_TABLE).pollInterval(relayInterval);
        if (registry != null) {
            b.meterRegistry(registry);
        }
        this.mirrors.forEach((kind, m) -> b.handler(kind, (h, message) -> m.apply(h, message.payload(), true)));
        Outbox built = b.build();
        built.start();
        this.outbox = built;
    }

    CrossShardMode mode() {
        return mode;
    }

    /** Returns the outbox: written in {@link CrossShardMode#OUTBOX}, drained in both modes. */
    Outbox outbox() {
        return outbox;
    }

    /**
     * Writes a change decided on {@code decidingKey}'s shard and mirrored on {@code mirrorKey}'s.
     * Callers choose the deciding side so that, in id order, it is locked first.
     */
    <T> T write(String kind, ShardKey decidingKey, ShardKey mirrorKey, Decide<T> decide) {
        Mirror mirror = mirror(kind);
        ShardId decidingShard = db.shardOf(decidingKey);
        ShardId mirrorShard = db.shardOf(mirrorKey);
        if (decidingShard.equals(mirrorShard)) {
            return db.inTransaction(decidingKey, h -> {
                h.execute(lockTimeout);
                Decision<T> d = decide.apply(h);
                if (d.payload() != null) {
                    mirror.apply(h, d.payload(), false);
                }
                return d.result();
            });
        }
        if (mode == CrossShardMode.TWO_PHASE_COMMIT) {
            return db.inDistributedTransaction(List.of(decidingKey, mirrorKey), tx -> {
                Handle first = tx.handle(decidingShard);
                Handle second = tx.handle(mirrorShard);
                first.execute(lockTimeout);
                second.execute(lockTimeout);
                Decision<T> d = decide.apply(first);
                if (d.payload() != null) {
                    mirror.apply(second, d.payload(), false);
                }
                return d.result();
            });
        }
        Outbox box = outbox;
        return db.inTransaction(decidingKey, h -> {
            h.execute(lockTimeout);
            Decision<T> d = decide.apply(h);
            if (d.payload() != null) {
                box.enqueue(h, decidingShard, mirrorShard, kind, d.payload());
            }
            return d.result();
        });
    }

    /**
     * Writes a change whose message is known before it runs (an interaction and its inbox copy):
     * in a two-phase unit the side of the lower id runs first, whichever side it is.
     */
    <T> T writeKnown(
            String kind,
            ShardKey primaryKey,
            long primaryId,
            ShardKey mirrorKey,
            long mirrorId,
            String payload,
            java.util.function.Function<Handle, T> primary) {
        Mirror mirror = mirror(kind);
        if (mode != CrossShardMode.TWO_PHASE_COMMIT
                || db.shardOf(primaryKey).equals(db.shardOf(mirrorKey))
                || primaryId < mirrorId) {
            return write(kind, primaryKey, mirrorKey, h -> new Decision<>(primary.apply(h), payload));
        }
        ShardId primaryShard = db.shardOf(primaryKey);
        ShardId mirrorShard = db.shardOf(mirrorKey);
        return db.inDistributedTransaction(List.of(primaryKey, mirrorKey), tx -> {
            Handle m = tx.handle(mirrorShard);
            Handle p = tx.handle(primaryShard);
            m.execute(lockTimeout);
            p.execute(lockTimeout);
            mirror.apply(m, payload, false);
            return primary.apply(p);
        });
    }

    /** A change over several shards: the result, and one message per shard to mirror on (the home shard may be one). */
    record Spread<T>(T result, Map<ShardId, String> payloads) {}

    /** The shards a spread change needs grew while it ran; the caller reads them again and retries. */
    static final class SpreadChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SpreadChanged(ShardId shard) {
            super("the change now also needs " + shard, null, false, false);
        }
    }

    /**
     * Writes a change decided on {@code home}'s shard and mirrored on several (deactivation). In
     * two-phase mode one distributed unit covers {@code home} and {@code others}; if the change
     * then needs a shard outside them, {@link SpreadChanged} is thrown and nothing is written. In
     * outbox mode the home transaction writes one message per other shard.
     */
    <T> T writeSpread(
            String kind,
            ShardKey home,
            Map<ShardId, ShardKey> others,
            java.util.function.Function<Handle, Spread<T>> decide) {
        Mirror mirror = mirror(kind);
        ShardId homeShard = db.shardOf(home);
        if (mode == CrossShardMode.TWO_PHASE_COMMIT && !others.isEmpty()) {
            List<ShardKey> keys = new java.util.ArrayList<>(others.values());
            keys.add(home);
            return db.inDistributedTransaction(keys, tx -> {
                for (ShardId s : tx.shards()) {
                    tx.handle(s).execute(lockTimeout);
                }
                Spread<T> spread = decide.apply(tx.handle(homeShard));
                for (Map.Entry<ShardId, String> e : spread.payloads().entrySet()) {
                    if (!tx.shards().contains(e.getKey())) {
                        throw new SpreadChanged(e.getKey());
                    }
                    mirror.apply(tx.handle(e.getKey()), e.getValue(), false);
                }
                return spread.result();
            });
        }
        return db.inTransaction(home, h -> {
            h.execute(lockTimeout);
            Spread<T> spread = decide.apply(h);
            for (Map.Entry<ShardId, String> e : spread.payloads().entrySet()) {
                if (e.getKey().equals(homeShard)) {
                    mirror.apply(h, e.getValue(), false);
                } else if (mode == CrossShardMode.TWO_PHASE_COMMIT) {
                    throw new SpreadChanged(e.getKey());
                } else {
                    outbox.enqueue(h, homeShard, e.getKey(), kind, e.getValue());
                }
            }
            return spread.result();
        });
    }

    private Mirror mirror(String kind) {
        Mirror m = mirrors.get(kind);
        if (m == null) {
            throw new IllegalStateException("no mirror registered for " + kind);
        }
        return m;
    }

    @Override
    public void close() {
        outbox.close();
    }
}
