package org.shardkit.examples.demo;

import java.util.SplittableRandom;
import org.shardkit.social.NewAgent;

/**
 * The seeded agents as the workload draws them: any agent, two friends, two strangers, and a new
 * agent to create. Draws are from the caller's random source, so a run is repeatable from its seed
 * as far as the threads' interleaving allows.
 *
 * <p>Implementations are thread-safe.
 */
interface Population {

    /** Returns a seeded agent's id. */
    long agent(SplittableRandom random);

    /** Returns two seeded agents that are friends (accepted), the first to act on the second. */
    AgentPair friends(SplittableRandom random);

    /** Returns two seeded agents that were not related when seeded. */
    AgentPair strangers(SplittableRandom random);

    /**
     * Returns a new agent to create during the run, its handle unique among seeded and created ones.
     *
     * @param sequence the how-many-th agent the run creates, from 0
     */
    NewAgent newAgent(long sequence, SplittableRandom random);
}
