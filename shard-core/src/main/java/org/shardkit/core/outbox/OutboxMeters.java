package org.shardkit.core.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.shardkit.core.ShardId;

/**
 * The names of the outbox's meters and tags, written once here, and the meters themselves. The
 * oldest-message gauges read values the relay stores at each pass, so a scrape never queries a
 * shard. Thread-safe.
 */
final class OutboxMeters {
    /** Counter of messages committed by their source transaction; tags {@link #SOURCE}, {@link #TARGET}, {@link #KIND}. */
    static final String ENQUEUED = "shardkit.outbox.enqueued";
    /** Counter of messages whose handler committed on the target; tags {@link #SOURCE}, {@link #TARGET}, {@link #KIND}. */
    static final String APPLIED = "shardkit.outbox.applied";
    /** Counter of failed attempts to apply a message; tags {@link #SOURCE}, {@link #TARGET}, {@link #KIND}. */
    static final String FAILED = "shardkit.outbox.failed";
    /**
     * Gauge: seconds since the oldest message on a source shard was written, as of the last relay
     * pass; 0 when none waits, NaN when the shard was unreachable; tag {@link #SOURCE}.
     */
    static final String OLDEST_AGE = "shardkit.outbox.oldest.age";
    /** Timer of each relay pass over every shard. */
    static final String RELAY_PASS = "shardkit.outbox.relay.pass";

    static final String SOURCE = "source";
    static final String TARGET = "target";
    static final String KIND = "kind";

    private final MeterRegistry registry;
    private final AtomicLongArray oldestAgeBits;
    private final Timer pass;

    /**
     * Registers the gauges and the pass timer.
     *
     * @param registry where the meters go
     * @param shards every shard id of the database
     */
    OutboxMeters(MeterRegistry registry, List<ShardId> shards) {
        this.registry = registry;
        this.oldestAgeBits = new AtomicLongArray(shards.size());
        for (ShardId shard : shards) {
            int i = shard.value();
            oldestAgeBits.set(i, Double.doubleToLongBits(Double.NaN));
            Gauge.builder(OLDEST_AGE, oldestAgeBits, bits -> Double.longBitsToDouble(bits.get(i)))
                    .description("seconds since the oldest outbox message on the source shard was written")
                    .baseUnit("seconds")
                    .tag(SOURCE, tag(shard))
                    .strongReference(true)
                    .register(registry);
        }
        this.pass = Timer.builder(RELAY_PASS)
                .description("one relay pass over every shard")
                .register(registry);
    }

    void enqueued(ShardId source, ShardId target, String kind) {
        counter(ENQUEUED, source, target, kind).increment();
    }

    void applied(ShardId source, ShardId target, String kind) {
        counter(APPLIED, source, target, kind).increment();
    }

    void failed(ShardId source, ShardId target, String kind) {
        counter(FAILED, source, target, kind).increment();
    }

    /** Stores the age of a source shard's oldest message: zero when none waits, NaN when unknown. */
    void oldestAge(ShardId source, double seconds) {
        oldestAgeBits.set(source.value(), Double.doubleToLongBits(seconds));
    }

    void pass(Duration took) {
        pass.record(took);
    }

    private Counter counter(String name, ShardId source, ShardId target, String kind) {
        // Micrometer returns the registered counter of the same name and tags: a map lookup.
        return Counter.builder(name)
                .tag(SOURCE, tag(source))
                .tag(TARGET, tag(target))
                .tag(KIND, kind)
                .register(registry);
    }

    private static String tag(ShardId shard) {
        return String.valueOf(shard.value());
    }
}
