package org.shardkit.core.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.Backoff;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.UnknownShardException;

/**
 * A transactional outbox over a {@link ShardedDatabase}: a transaction on one shard writes a
 * message in the same transaction as its own rows; a relay applies it on the target shard with the
 * message kind's {@link OutboxHandler}, then deletes it. What a committed transaction wrote to the
 * outbox is applied at least once, in the order of the messages' ids per source and target shard;
 * a rolled-back transaction's messages never are. The two shards are not changed atomically: the
 * target lags the source until the relay has applied the message.
 *
 * <pre>{@code
 * Outbox outbox = Outbox.builder(db)
 *         .handler("friend.mirror", (h, m) -> h.execute(
 *                 "INSERT INTO friend (agent, friend) VALUES (?, ?) ON CONFLICT DO NOTHING", ...))
 *         .meterRegistry(registry)
 *         .build();            // creates the table on every shard if missing
 * outbox.start();              // the background relay
 * db.useTransaction(ShardKey.of(a), h -> {
 *     h.execute("INSERT INTO friend (agent, friend) VALUES (?, ?)", a, b);
 *     outbox.enqueue(h, db.shardOf(ShardKey.of(a)), db.shardOf(ShardKey.of(b)), "friend.mirror", a + "," + b);
 * });
 * ...
 * outbox.close();              // before db.close()
 * }</pre>
 *
 * <p>Each shard holds a table ({@value #DEFAULT_TABLE} by default) of the messages written there.
 * The relay reads each source shard's messages per target shard in id order and applies each in a
 * transaction on the target's primary; a message that fails blocks the later ones of its pair and
 * is tried again after an exponential backoff, its {@code attempts} and {@code last_error} kept on
 * its row. Several processes may relay the same shards: an advisory lock per pair keeps them from
 * applying one pair's messages at once. See {@code docs/outbox.md}.
 *
 * <p>Thread-safe. After {@link #close()} every method but {@code close} throws {@link
 * IllegalStateException}.
 */
public final class Outbox implements AutoCloseable {
    /** Default table name: {@value}. */
    public static final String DEFAULT_TABLE = "shardkit_outbox";
    /** Default time between relay passes when nothing wakes the relay: 500 ms. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    /** Default number of messages of a pair read at once: {@value}. */
    public static final int DEFAULT_BATCH_SIZE = 100;
    /** The largest batch size accepted: {@value}. */
    public static final int MAX_BATCH_SIZE = 10_000;
    /** Default wait after a message's first failed attempt, doubling with each further one: 500 ms. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    /** Default longest wait between two attempts of a message: 30 s. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** How long {@link #close()} waits for the relay thread, and again after interrupting it: 10 s. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** The name of the relay thread, followed by {@code -} and the table name. */
    public static final String THREAD_NAME = "shardkit-outbox-relay";

    private final ShardedDatabase db;
    private final OutboxTable table;
    private final Map<String, OutboxHandler> handlers;
    private final Duration pollInterval;
    private final LongSupplier ticker;
    private final OutboxMeters meters;
    private final Relay relay;
    private final Wakeup wakeup = new Wakeup();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable RelayThread thread;

    private Outbox(Builder b, OutboxTable table, MeterRegistry registry) {
        this.db = b.db;
        this.table = table;
        this.handlers = Map.copyOf(b.handlers);
        this.pollInterval = b.pollInterval != null ? b.pollInterval : DEFAULT_POLL_INTERVAL;
        this.ticker = b.ticker != null ? b.ticker : System::nanoTime;
        Backoff backoff = b.backoff != null ? b.backoff : new Backoff(DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
        this.meters = new OutboxMeters(registry, db.shardIds());
        this.relay = new Relay(
                db,
                table,
                handlers,
                b.batchSize != null ? b.batchSize : DEFAULT_BATCH_SIZE,
                backoff,
                b.clock != null ? b.clock : Clock.systemUTC(),
                ticker,
                meters);
    }

    /**
     * Returns a builder over a database: register a handler per message kind, then {@link
     * Builder#build()}.
     *
     * @param db the database whose shards hold the outbox tables; the outbox does not close it
     * @return a new builder
     */
    public static Builder builder(ShardedDatabase db) {
        return new Builder(Arguments.require("db", db));
    }

    /**
     * Writes a message inside the caller's open transaction on {@code source}: it commits or rolls
     * back with that transaction. When the transaction commits, the relay of this outbox, if
     * started, is woken to apply it.
     *
     * @param sourceTransaction the handle of the caller's open transaction on {@code source}, e.g.
     *     the one {@link ShardedDatabase#useTransaction} passes; the message is written on the
     *     shard of this handle, which is not checked against {@code source}
     * @param source the shard that transaction is on
     * @param target the shard to apply the message on; may be {@code source} (the relay then holds
     *     two connections of that shard while applying)
     * @param kind the kind of a handler registered on the builder
     * @param payload the handler's input, not blank
     * @throws IllegalArgumentException if an argument is null or blank, or no handler has that kind
     * @throws UnknownShardException if the database has no shard {@code source} or {@code target}
     * @throws IllegalStateException if the handle is not in a transaction, or this outbox is closed
     */
    public void enqueue(Handle sourceTransaction, ShardId source, ShardId target, String kind, String payload) {
        Arguments.require("sourceTransaction", sourceTransaction);
        Arguments.require("source", source);
        Arguments.require("target", target);
        Arguments.requireText("kind", kind);
        Arguments.requireText("payload", payload);
        checkOpen();
        db.shardName(source);
        db.shardName(target);
        if (!handlers.containsKey(kind)) {
            throw new IllegalArgumentException(
                    "kind has no handler registered, but was '" + kind + "' (registered: " + handlers.keySet() + ")");
        }
        if (!sourceTransaction.isInTransaction()) {
            throw new IllegalStateException("enqueue needs the caller's open transaction on " + source + " (kind "
                    + kind
                    + " to " + target + "): written outside one, the message would commit apart from the change it"
                    + " belongs to, and could be lost or sent for a change that never committed");
        }
        sourceTransaction.execute(table.insert, target.value(), kind, payload);
        sourceTransaction.afterCommit(() -> {
            meters.enqueued(source, target, kind);
            wakeup.signal();
        });
    }

    /**
     * Starts the background relay: a daemon thread named {@value #THREAD_NAME}{@code -<table>}
     * that relays, again at once while passes apply messages, otherwise after the poll interval or
     * when a message committed through this outbox wakes it.
     *
     * @throws IllegalStateException if it was started already, or this outbox is closed
     */
    public synchronized void start() {
        checkOpen();
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the relay of outbox " + table + " is started already");
        }
        RelayThread t = new RelayThread(THREAD_NAME + "-" + table.name(), relay::pass, wakeup, pollInterval);
        thread = t;
        t.start();
    }

    /**
     * Runs one relay pass over every shard now, on the calling thread: for each reachable source
     * shard and each target, applies the messages in id order until one fails or waits for its
     * backoff. Pairs another relay is working on are skipped.
     *
     * @return the number of messages applied
     * @throws IllegalStateException if this outbox is closed
     */
    public int relayOnce() {
        checkOpen();
        return relay.pass();
    }

    /**
     * Relays until no message is left on any shard or the timeout passes, waiting between passes
     * that applied nothing for the poll interval or a newly committed message. A shard that cannot
     * be reached counts as not drained.
     *
     * @param timeout how long to keep relaying, measured with the builder's {@link
     *     Builder#nanoTicker ticker}
     * @return true if no message is left; false if the timeout passed first or the thread was
     *     interrupted (its interrupt flag is then set again)
     * @throws IllegalStateException if this outbox is closed
     */
    public boolean awaitDrained(Duration timeout) {
        Arguments.require("timeout", timeout);
        checkOpen();
        long deadline = ticker.getAsLong() + timeout.toNanos();
        while (true) {
            long seen = wakeup.generation();
            int applied = relay.pass();
            if (relay.pending(false) == 0) {
                return true;
            }
            long left = deadline - ticker.getAsLong();
            if (left <= 0) {
                return false;
            }
            if (applied == 0) {
                try {
                    wakeup.await(seen, min(pollInterval, Duration.ofNanos(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    /**
     * Returns the number of messages written and not yet applied, over all reachable shards (one
     * {@code count(*)} per shard; a shard that cannot be reached counts as none).
     *
     * @throws IllegalStateException if this outbox is closed
     */
    public long pending() {
        checkOpen();
        return relay.pending(true);
    }

    /** Returns the outbox table's name. */
    public String table() {
        return table.name();
    }

    /**
     * Stops the relay thread, if started: it finishes the pair it is relaying. Waits up to {@link
     * #CLOSE_TIMEOUT}, then interrupts it and waits as long again. Idempotent. Messages not yet
     * applied stay in the tables for the next relay.
     */
    @Override
    public void close() {
        RelayThread t;
        synchronized (this) { // against a start() at the same time
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            t = thread;
        }
        if (t != null) {
            t.stop(CLOSE_TIMEOUT);
        }
    }

    /** Returns whether the relay thread is running (started and not yet stopped by {@link #close()}). */
    public boolean isRelaying() {
        RelayThread t = thread;
        return t != null && t.isAlive();
    }

    @Override
    public String toString() {
        return "Outbox{table=" + table + ", kinds=" + handlers.keySet() + ", pollInterval=" + pollInterval
                + ", relaying=" + isRelaying() + ", closed=" + closed.get() + "}";
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("outbox " + table + " is closed");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Builds an {@link Outbox}. Each setter validates its argument at once, and a setting given
     * twice (or a second handler for one kind) is an {@link IllegalStateException}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final ShardedDatabase db;
        private final Map<String, OutboxHandler> handlers = new LinkedHashMap<>();
        private @Nullable Duration pollInterval;
        private @Nullable MeterRegistry registry;
        private @Nullable Clock clock;
        private @Nullable LongSupplier ticker;
        private @Nullable String table;
        private @Nullable Integer batchSize;
        private @Nullable Backoff backoff;

        private Builder(ShardedDatabase db) {
            this.db = db;
        }

        /**
         * Registers the handler of a message kind. Every process that relays must register every
         * kind that any process enqueues; a message whose kind this process does not know fails
         * and is retried with backoff.
         *
         * @param kind the kind, not blank, e.g. {@code friend.mirror}
         * @param handler applies messages of that kind; must be idempotent
         * @return this builder
         */
        public Builder handler(String kind, OutboxHandler handler) {
            Arguments.requireText("kind", kind);
            Arguments.require("handler", handler);
            OutboxHandler before = handlers.get(kind);
            if (before != null) {
                throw new IllegalStateException("a handler for kind '" + kind + "' is registered already: " + before
                        + ", cannot register " + handler);
            }
            handlers.put(kind, handler);
            return this;
        }

        /**
         * Sets the time between relay passes when nothing wakes the relay; default {@link
         * Outbox#DEFAULT_POLL_INTERVAL}. A message committed through this outbox wakes it at once; the
         * interval bounds the lag of messages that other processes wrote.
         *
         * @param interval at least 1 ms
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            Arguments.requireUnset("pollInterval", pollInterval, interval);
            this.pollInterval = Arguments.atLeastOneMilli("pollInterval", interval);
            return this;
        }

        /**
         * Sets the registry for the outbox's meters; default none (a registry that records nothing).
         *
         * @param registry the registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            Arguments.requireUnset("meterRegistry", this.registry, registry);
            this.registry = Arguments.require("registry", registry);
            return this;
        }

        /**
         * Sets the wall clock that decides when a failed message may be tried again and how old the
         * oldest message is; default {@link Clock#systemUTC()}. Tests pass a fake.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            Arguments.requireUnset("clock", this.clock, clock);
            this.clock = Arguments.require("clock", clock);
            return this;
        }

        /**
         * Sets the nanosecond time source of the relay-pass timer and of {@link
         * Outbox#awaitDrained}'s timeout; default {@link System#nanoTime()}.
         *
         * @param ticker the ticker
         * @return this builder
         */
        public Builder nanoTicker(LongSupplier ticker) {
            Arguments.requireUnset("nanoTicker", this.ticker, ticker);
            this.ticker = Arguments.require("ticker", ticker);
            return this;
        }

        /**
         * Sets the table name; default {@value Outbox#DEFAULT_TABLE}. Unqualified, it lives in each
         * connection's current schema.
         *
         * @param name lower case, at most 48 characters, optionally schema-qualified
         * @return this builder
         */
        public Builder table(String name) {
            Arguments.requireUnset("table", table, name);
            this.table = new OutboxTable(name).name();
            return this;
        }

        /**
         * Sets how many messages of a (source, target) pair one transaction relays at most; default
         * {@value Outbox#DEFAULT_BATCH_SIZE}. If the source transaction is lost, the batch's applied
         * messages are applied again.
         *
         * @param size {@code 1..}{@value Outbox#MAX_BATCH_SIZE}
         * @return this builder
         */
        public Builder batchSize(int size) {
            Arguments.requireUnset("batchSize", batchSize, size);
            if (size < 1 || size > MAX_BATCH_SIZE) {
                throw new IllegalArgumentException("batchSize must be in [1, " + MAX_BATCH_SIZE + "], but was " + size);
            }
            this.batchSize = size;
            return this;
        }

        /**
         * Sets the waits between attempts of a failing message: {@code initial} after the first
         * failure, doubling with each further one, at most {@code max}; default {@link
         * Outbox#DEFAULT_INITIAL_BACKOFF} and {@link Outbox#DEFAULT_MAX_BACKOFF}.
         *
         * @param initial at least 1 ms
         * @param max at least {@code initial}, at most a day
         * @return this builder
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            Arguments.requireUnset("retryBackoff", backoff, initial + ".." + max);
            Arguments.atLeastOneMilli("initial", initial);
            Arguments.require("max", max);
            this.backoff = new Backoff(initial, max);
            return this;
        }

        /**
         * Creates the outbox table and its index on every shard's primary if missing, in shard-id
         * order, and returns the outbox; the relay is not started.
         *
         * @return the outbox
         * @throws IllegalStateException if no handler is registered
         * @throws org.shardkit.core.ShardkitException naming the shard, if one cannot be reached or
         *     the table cannot be created there
         */
        public Outbox build() {
            if (handlers.isEmpty()) {
                throw new IllegalStateException("no handler registered: call handler(kind, handler) before build()");
            }
            OutboxTable t = new OutboxTable(table != null ? table : DEFAULT_TABLE);
            for (ShardId shard : db.shardIds()) {
                db.withShardId(
                        shard,
                        h -> h.inTransaction(tx -> {
                            t.create(tx);
                            return Boolean.TRUE;
                        }));
            }
            MeterRegistry r = registry;
            return new Outbox(this, t, r != null ? r : new CompositeMeterRegistry());
        }
    }
}
