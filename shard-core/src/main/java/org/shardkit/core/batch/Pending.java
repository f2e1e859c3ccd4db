package org.shardkit.core.batch;

import java.util.concurrent.CompletableFuture;
import org.shardkit.core.ShardKey;

/** A row waiting in a shard's lane, with the key it routed by, its future and when it came (ticker nanos). */
record Pending<R>(ShardKey key, R row, CompletableFuture<Void> future, long enqueuedAt) {}
