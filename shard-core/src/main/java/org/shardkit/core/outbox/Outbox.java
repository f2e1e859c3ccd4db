package org.shardkit.core.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.shardkit.core.ShardId;
import org.shardkit.core.ShardedDatabase;

/**
 * A transactional outbox over a {@link ShardedDatabase}: a transaction on one shard writes a
 * message in the same transaction as its own rows; a relay applies it on the target shard with the
 * message kind's {@link OutboxHandler}, then deletes it. What a committed transaction wrote to the
 * outbox is applied at least once, in the order written per source and target shard.
 *
 * <p>SKELETON: the API the domain builds on; the implementation lands with issue 12.
 */
public final class Outbox implements AutoCloseable {
    private Outbox() {}

    /** Returns a builder over a database. */
    public static Builder builder(ShardedDatabase db) {
        throw new UnsupportedOperationException("outbox: not built yet");
    }

    /**
     * Writes a message inside the caller's open transaction on {@code source}.
     *
     * @param sourceTransaction the handle of the caller's open transaction on {@code source}
     * @param source the shard that transaction is on
     * @param target the shard to apply the message on
     * @param kind the handler's kind
     * @param payload the handler's input
     */
    public void enqueue(Handle sourceTransaction, ShardId source, ShardId target, String kind, String payload) {
        throw new UnsupportedOperationException("outbox: not built yet");
    }

    /** Starts the background relay. */
    public void start() {
        throw new UnsupportedOperationException("outbox: not built yet");
    }

    /** Runs one relay pass over every shard now; returns the number of messages applied. */
    public int relayOnce() {
        throw new UnsupportedOperationException("outbox: not built yet");
    }

    /** Relays until no message is left or the timeout passes; true if none is left. */
    public boolean awaitDrained(Duration timeout) {
        throw new UnsupportedOperationException("outbox: not built yet");
    }

    /** Returns the number of messages written and not yet applied, over all reachable shards. */
    public long pending() {
        throw new UnsupportedOperationException("outbox: not built yet");
    }

    /** Stops the relay. */
    @Override
    public void close() {}

    /** Builds an {@link Outbox}. */
    public static final class Builder {
        private Builder() {}

        /** Registers the handler of a message kind. */
        public Builder handler(String kind, OutboxHandler handler) {
            return this;
        }

        /** Sets the time between relay passes. */
        public Builder pollInterval(Duration interval) {
            return this;
        }

        /** Sets the registry for the outbox's meters. */
        public Builder meterRegistry(MeterRegistry registry) {
            return this;
        }

        /** Creates the outbox table on every shard if missing and returns the outbox (relay not started). */
        public Outbox build() {
            throw new UnsupportedOperationException("outbox: not built yet");
        }
    }
}
