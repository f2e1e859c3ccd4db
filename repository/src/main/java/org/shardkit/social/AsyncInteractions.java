package org.shardkit.social;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.batch.BatchWriter;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.core.writequeue.ReplayReport;
import org.shardkit.core.writequeue.WriteQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queued way of recording interactions: a write queue (journaled when the repository has a
 * journal) in front of two batch writers, {@value #SENT} on initiators' shards and {@value #INBOX}
 * on recipients' (see {@link InteractionPipeline}). Thread-safe.
 */
final class AsyncInteractions {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInteractions.class);
    /** The name of the queue and of its meters' {@code queue} tag. */
    static final String QUEUE = "social.interactions";
    /** The batch writer of the interactions' rows. */
    static final String SENT = "social.interaction.sent";
    /** The batch writer of the inbox copies. */
    static final String INBOX = "social.interaction.inbox";

    private final BatchWriter<Interaction> sent;
    private final BatchWriter<Interaction> inbox;
    private final InteractionPipeline pipeline;
    private final WriteQueue<Interaction> queue;
    private final Ack defaultAck;
    private final Duration closeTimeout;
    /**
     * Where callers' futures complete: not on the journal's or a shard's thread, so that a caller's
     * dependent stage may block (even on another queued interaction) without stalling them. Grows
     * with blocked stages; idle threads end after a minute.
     */
    private final ExecutorService callbacks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shardkit-social-callback");
        t.setDaemon(true);
        return t;
    });

    AsyncInteractions(
            ShardedDatabase db,
            BatchConfig batches,
            WriteQueueConfig queueConfig,
            @Nullable JournalSettings journal,
            @Nullable Ack defaultAck,
            @Nullable MeterRegistry registry) {
        this.sent = writer(db, SENT, new SentInteractions(), batches, registry);
        this.inbox = writer(db, INBOX, new InboxCopies(), batches, registry);
        this.closeTimeout = queueConfig.closeTimeout();
        this.pipeline = new InteractionPipeline(sent, inbox, queueConfig.retryInterval());
        var q = WriteQueue.builder(pipeline)
                .name(QUEUE)
                .config(queueConfig)
                .onFailure((it, why) -> LOG.warn(
                        "interaction {} from {} to {}, acknowledged as journaled, was refused when written: {}",
                        it.id(),
                        it.initiatorId(),
                        it.recipientId(),
                        why.getMessage()));
        if (journal != null) {
            q.journal(journal, new InteractionCodec());
        }
        if (registry != null) {
            q.meterRegistry(registry);
        }
        this.defaultAck = defaultAck != null ? defaultAck : journal != null ? Ack.JOURNALED : Ack.COMMITTED;
        WriteQueue<Interaction> built;
        try {
            built = q.build();
        } catch (RuntimeException e) {
            sent.close(Duration.ZERO);
            inbox.close(Duration.ZERO);
            pipeline.close();
            callbacks.shutdown();
            throw e;
        }
        this.queue = built;
    }

    private static BatchWriter<Interaction> writer(
            ShardedDatabase db,
            String name,
            org.shardkit.core.batch.BatchSink<Interaction> sink,
            BatchConfig config,
            @Nullable MeterRegistry registry) {
        var b = BatchWriter.builder(db, sink).name(name).config(config);
        if (registry != null) {
            b.meterRegistry(registry);
        }
        return b.build();
    }

    /** Queues an interaction; its future completes at the level asked, or the default. */
    CompletableFuture<Interaction> submit(Interaction it, @Nullable Ack ack) {
        return queue.submit(it, ack != null ? ack : defaultAck).thenApplyAsync(done -> it, callbacks);
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    ReplayReport replayReport() {
        return queue.replayReport();
    }

    int depth() {
        return queue.depth();
    }

    /** Asks both stages to write what they hold now rather than when due, and what is still being journaled once it is. */
    void flush() {
        queue.flush();
    }

    /** Drains the queue (the journal keeps what did not commit), then closes the writers. */
    QueueDrain close(Duration timeout) {
        QueueDrain drained = queue.close(timeout);
        sent.close(Duration.ZERO);
        inbox.close(Duration.ZERO);
        pipeline.close();
        callbacks.shutdown();
        return drained;
    }
}
