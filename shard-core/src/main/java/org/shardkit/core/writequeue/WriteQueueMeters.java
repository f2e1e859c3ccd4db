package org.shardkit.core.writequeue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.shardkit.core.journal.Journal;

/** The names of a write queue's meters and tags, written once here, and the meters. Thread-safe. */
final class WriteQueueMeters {
    /** Gauge of writes accepted and not yet committed or failed; tag {@link #QUEUE}. */
    static final String DEPTH = "shardkit.writequeue.depth";
    /** Timer from a write's submission to its acknowledgement; tags {@link #QUEUE}, {@link #ACK}. */
    static final String ACKNOWLEDGED = "shardkit.writequeue.acknowledged";
    /** Counter of writes refused because the queue was full; tags {@link #QUEUE}, {@link #LIMIT}. */
    static final String REJECTED = "shardkit.writequeue.rejected";
    /** Counter of writes whose sink failed them for good; tags {@link #QUEUE}, {@link #ACK}. */
    static final String FAILED = "shardkit.writequeue.failed";
    /** Counter of journaled writes handed to their sink again after a failure that may pass; tag {@link #QUEUE}. */
    static final String RETRIED = "shardkit.writequeue.retried";
    /** Gauge of the journal's bytes on disk not yet trimmed; tag {@link #QUEUE}. */
    static final String JOURNAL_BYTES = "shardkit.writequeue.journal.bytes";
    /** Counter of records appended to the journal; tag {@link #QUEUE}. */
    static final String JOURNAL_RECORDS = "shardkit.writequeue.journal.records";
    /** Counter of forces of the journal to disk (one per group of records); tag {@link #QUEUE}. */
    static final String JOURNAL_FORCES = "shardkit.writequeue.journal.forces";

    static final String QUEUE = "queue";
    static final String ACK = "ack";
    static final String LIMIT = "limit";

    private final Map<Ack, Timer> acknowledged = new EnumMap<>(Ack.class);
    private final Map<Ack, Counter> failed = new EnumMap<>(Ack.class);
    private final Counter rejectedCapacity;
    private final Counter rejectedJournal;
    private final Counter retried;

    <Q> WriteQueueMeters(MeterRegistry registry, String queue, Q owner, ToDoubleFunction<Q> depth) {
        Gauge.builder(DEPTH, owner, depth)
                .description("writes accepted and not yet committed or failed")
                .tag(QUEUE, queue)
                .register(registry);
        for (Ack ack : Ack.values()) {
            String tag = ack.name().toLowerCase(java.util.Locale.ROOT);
            acknowledged.put(
                    ack,
                    Timer.builder(ACKNOWLEDGED)
                            .description("from a write's submission to its acknowledgement")
                            .publishPercentiles(0.5, 0.95, 0.99)
                            .tag(QUEUE, queue)
                            .tag(ACK, tag)
                            .register(registry));
            failed.put(
                    ack,
                    Counter.builder(FAILED)
                            .description(
                                    "writes whose sink failed them for good (refused by a rule or by the database)")
                            .tag(QUEUE, queue)
                            .tag(ACK, tag)
                            .register(registry));
        }
        this.rejectedCapacity = rejected(registry, queue, "capacity");
        this.rejectedJournal = rejected(registry, queue, "journal");
        this.retried = Counter.builder(RETRIED)
                .description("journaled writes handed to their sink again after a failure that may pass")
                .tag(QUEUE, queue)
                .register(registry);
    }

    /** Registers the journal's meters. */
    static void journal(MeterRegistry registry, String queue, Journal journal) {
        Gauge.builder(JOURNAL_BYTES, journal, Journal::liveBytes)
                .description("journal bytes on disk not yet trimmed")
                .baseUnit("bytes")
                .tag(QUEUE, queue)
                .register(registry);
        FunctionCounter.builder(JOURNAL_RECORDS, journal, Journal::appendedRecords)
                .description("records appended to the journal")
                .tag(QUEUE, queue)
                .register(registry);
        FunctionCounter.builder(JOURNAL_FORCES, journal, Journal::forces)
                .description("forces of the journal to disk, one per group of records")
                .tag(QUEUE, queue)
                .register(registry);
    }

    void acknowledged(Ack ack, long nanos) {
        Timer t = acknowledged.get(ack);
        if (t != null) {
            t.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    void failed(Ack ack) {
        Counter c = failed.get(ack);
        if (c != null) {
            c.increment();
        }
    }

    void rejected(boolean journalFull) {
        (journalFull ? rejectedJournal : rejectedCapacity).increment();
    }

    void retried() {
        retried.increment();
    }

    private static Counter rejected(MeterRegistry registry, String queue, String limit) {
        return Counter.builder(REJECTED)
                .description("writes refused because the queue or its journal was full")
                .tag(QUEUE, queue)
                .tag(LIMIT, limit)
                .register(registry);
    }
}
