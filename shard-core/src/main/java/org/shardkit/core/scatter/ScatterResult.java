package org.shardkit.core.scatter;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.shardkit.core.ShardId;

/**
 * What a scatter brought back: each answering shard's result, and each missing shard's cause. A
 * partial result cannot be mistaken for a complete one: {@link #requireComplete()} throws when
 * shards are missing, and the partial results are only reachable through {@link
 * #availableResults()}, whose name says what it is.
 *
 * <pre>{@code
 * ScatterResult<List<Agent>> r = db.scatter(request.withPolicy(FailurePolicy.PARTIAL), fn);
 * if (r.isComplete()) {
 *     show(Merge.topK(r.requireComplete().values(), 20, BY_SCORE));
 * } else {
 *     show(Merge.topK(r.availableResults().values(), 20, BY_SCORE), "missing: " + r.missingShards());
 * }
 * }</pre>
 *
 * @param <R> the per-shard result
 */
public final class ScatterResult<R> {
    private final SortedMap<ShardId, R> results;
    private final SortedMap<ShardId, Throwable> failures;

    /**
     * Creates a result.
     *
     * @param results the answering shards' results
     * @param failures the missing shards' causes
     */
    public ScatterResult(Map<ShardId, R> results, Map<ShardId, Throwable> failures) {
        this.results = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(results, "results")));
        this.failures = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(failures, "failures")));
    }

    /** Tells whether every shard asked answered. */
    public boolean isComplete() {
        return failures.isEmpty();
    }

    /**
     * Returns every shard's result, in shard order.
     *
     * @return the results
     * @throws PartialResultException naming each missing shard and its cause
     */
    public SortedMap<ShardId, R> requireComplete() {
        if (!failures.isEmpty()) {
            throw new PartialResultException(failures, results.size() + failures.size());
        }
        return results;
    }

    /** Returns the results of the shards that answered, which may be fewer than asked. */
    public SortedMap<ShardId, R> availableResults() {
        return results;
    }

    /** Returns the shards that are missing, in order. */
    public List<ShardId> missingShards() {
        return List.copyOf(failures.keySet());
    }

    /** Returns each missing shard's cause. */
    public SortedMap<ShardId, Throwable> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "ScatterResult{answered=" + results.keySet() + ", missing=" + failures.keySet() + "}";
    }
}
