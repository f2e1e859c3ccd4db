package org.shardkit.core;

import io.micrometer.core.instrument.MeterRegistry;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.twophase.TwoPhaseCommit;
import org.shardkit.routing.spi.ShardStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start of a database once its shards and call path exist: the scatter executor, the eager
 * check of the primaries, the worker id, two-phase commit, and the one start log line. If a step
 * fails, whatever had started stops again and the shards close.
 *
 * @param scatter the scatter engine
 * @param workerIds the ID generator and its lease
 * @param twoPhase the two-phase commit runtime
 */
record Startup(ScatterEngine scatter, WorkerIds workerIds, TwoPhaseCommit twoPhase) {
    private static final Logger LOG = LoggerFactory.getLogger(ShardedDatabase.class);

    static Startup run(
            ShardedDatabaseBuilder b,
            ShardedDatabase db,
            CallPath calls,
            Transactions transactions,
            MeterRegistry registry,
            ShardSet set) {
        ShardkitConfig config = b.config();
        ScatterEngine engine = null;
        WorkerIds ids = null;
        TwoPhaseCommit tpc = null;
        try {
            engine = b.scatterEngine(calls, transactions, registry);
            if (config.startup() == StartupMode.EAGER) {
                StartupCheck.checkPrimaries(set.all(), engine.executor());
            }
            ids = WorkerIds.start(config.idgen(), b.workerIdAssigner(), set.get(ShardId.of(0)), b.clock());
            // Its checks call the database, whose shards and call path are set by now.
            tpc = TwoPhaseCommit.start(db, registry, b.ticker());
            ShardStrategy strategy = db.strategy();
            LOG.info("{}", StartupLog.describe(config, strategy, ids));
            return new Startup(engine, ids, tpc);
        } catch (Throwable t) {
            // Whatever had started stops again, two-phase commit and the worker id first (they use shard 0).
            Closing.all(t, tpc, ids, engine, set);
            throw t;
        }
    }
}
