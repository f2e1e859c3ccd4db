package org.shardkit.social;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.shardkit.core.ShardId;
import org.shardkit.core.scatter.PartialResultException;

/**
 * The answer of a compatible-agents search: the best candidates, best first, and the shards that
 * did not answer. A partial answer cannot pass for a complete one: {@link #requireComplete()}
 * throws when shards are missing, and the candidates of a partial answer are only reachable through
 * {@link #availableAgents()}, whose name says what it is.
 *
 * <pre>{@code
 * CompatibleAgents found = social.compatibleAgents(ada.id(), 20);
 * if (found.isComplete()) {
 *     show(found.requireComplete());
 * } else {
 *     show(found.availableAgents(), "without shards " + found.missingShards());
 * }
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class CompatibleAgents {
    private final List<CompatibleAgent> agents;
    private final SortedMap<ShardId, Throwable> missing;
    private final int asked;

    CompatibleAgents(List<CompatibleAgent> agents, Map<ShardId, Throwable> missing, int asked) {
        this.agents = List.copyOf(agents);
        this.missing = new TreeMap<>(missing);
        this.asked = asked;
    }

    /** Tells whether every shard answered. */
    public boolean isComplete() {
        return missing.isEmpty();
    }

    /**
     * Returns the candidates, best first.
     *
     * @throws PartialResultException naming each missing shard and why, when some did not answer
     */
    public List<CompatibleAgent> requireComplete() {
        if (!missing.isEmpty()) {
            throw new PartialResultException(missing, asked);
        }
        return agents;
    }

    /** Returns the best candidates of the shards that answered, which may miss better ones of the others. */
    public List<CompatibleAgent> availableAgents() {
        return agents;
    }

    /** Returns the shards that did not answer (failed or missed the deadline), in order. */
    public List<ShardId> missingShards() {
        return List.copyOf(missing.keySet());
    }

    /** Returns why each missing shard did not answer. */
    public Map<ShardId, Throwable> failures() {
        return java.util.Collections.unmodifiableSortedMap(missing);
    }

    @Override
    public String toString() {
        return "CompatibleAgents{" + agents.size() + " agents, missing=" + missing.keySet() + "}";
    }
}
