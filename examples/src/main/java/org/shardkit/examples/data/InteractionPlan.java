package org.shardkit.examples.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The interactions of a graph: drawn in blocks of {@value #BLOCK}, each block alone from (seed,
 * block), so the seeder draws them again block by block instead of holding them. Interaction {@code
 * i}'s initiator is drawn by Zipf's law (exponent {@value #ACTIVITY_EXPONENT}) over an activity
 * rank (agents with more friends first, then the older ones), among agents that have friends; its
 * recipient is one of the initiator's friends, its favourites more often (the {@code k}-th of a list
 * rotated per agent, {@code k = floor(d · u²)}). What the friendship rows need is summed once, when
 * the graph is drawn: per pair the number of interactions and the last one, per agent its last
 * initiated one. Immutable and thread-safe once built.
 */
final class InteractionPlan {
    static final int BLOCK = 1 << 14;
    static final double ACTIVITY_EXPONENT = 0.8;

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    /** Receives drawn interactions. */
    interface Sink {
        /**
         * One interaction.
         *
         * @param i its number, from 0
         * @param initiator the initiator's agent index
         * @param recipient the recipient's agent index
         * @param type its index in {@link Texts#TYPES}
         * @param content its index in {@link Texts#CONTENTS}
         */
        void interaction(long i, int initiator, int recipient, int type, int content);
    }

    private final long count;
    private final long seed;
    private final FriendGraph friends;
    private final int[] byActivity;
    private final AliasTable activity;
    private final AliasTable types = AliasTable.of(Texts.TYPE_WEIGHTS);
    private final int[] pairCount;
    private final int[] pairLast;
    private final int[] agentLast;

    private InteractionPlan(long count, long seed, FriendGraph friends, int[] byActivity, AliasTable activity) {
        this.count = count;
        this.seed = seed;
        this.friends = friends;
        this.byActivity = byActivity;
        this.activity = activity;
        this.pairCount = new int[count == 0 ? 0 : friends.pairs()];
        this.pairLast = new int[pairCount.length];
        this.agentLast = new int[count == 0 ? 0 : friends.agents()];
    }

    /**
     * Draws the plan and sums its figures.
     *
     * @throws IllegalArgumentException if there are interactions to draw but no friendships
     */
    static InteractionPlan draw(long count, long seed, FriendGraph friends) {
        int agents = friends.agents();
        if (count > 0 && friends.pairs() == 0) {
            throw new IllegalArgumentException(
                    "interactions must be 0 for a graph without friendships (" + agents + " agents), but was " + count);
        }
        // The activity rank: friend count descending, then index ascending (a counting sort).
        int maxDegree = 0;
        for (int a = 0; a < agents; a++) {
            maxDegree = Math.max(maxDegree, friends.degree(a));
        }
        int[] start = new int[maxDegree + 2];
        for (int a = 0; a < agents; a++) {
            start[maxDegree - friends.degree(a) + 1]++;
        }
        for (int d = 1; d < start.length; d++) {
            start[d] += start[d - 1];
        }
        int[] byActivity = new int[agents];
        for (int a = 0; a < agents; a++) {
            byActivity[start[maxDegree - friends.degree(a)]++] = a;
        }
        int active = 0;
        while (active < agents && friends.degree(byActivity[active]) > 0) {
            active++;
        }
        AliasTable activity =
                active == 0 ? AliasTable.of(new double[] {1}) : AliasTable.zipf(active, ACTIVITY_EXPONENT);
        InteractionPlan plan = new InteractionPlan(count, seed, friends, byActivity, activity);
        if (count > 0) {
            Arrays.fill(plan.pairLast, -1);
            Arrays.fill(plan.agentLast, -1);
            IntStream.range(0, plan.blocks()).parallel().forEach(b -> plan.draw(b, plan::sum));
        }
        return plan;
    }

    private void sum(long i, int initiator, int recipient, int type, int content) {
        int pair = friends.edge(initiator, recipient);
        INTS.getAndAdd(pairCount, pair, 1);
        max(pairLast, pair, (int) i);
        max(agentLast, initiator, (int) i);
    }

    private static void max(int[] array, int index, int value) {
        int seen = (int) INTS.getVolatile(array, index);
        while (seen < value && !INTS.compareAndSet(array, index, seen, value)) {
            seen = (int) INTS.getVolatile(array, index);
        }
    }

    long count() {
        return count;
    }

    int blocks() {
        return (int) ((count + BLOCK - 1) / BLOCK);
    }

    /** Draws one block's interactions, in order, into the sink. */
    void draw(int block, Sink sink) {
        SplittableRandom r = Draws.random(seed, Draws.INTERACTIONS, block);
        long end = Math.min(count, (long) (block + 1) * BLOCK);
        for (long i = (long) block * BLOCK; i < end; i++) {
            int initiator = byActivity[activity.sample(r)];
            int degree = friends.degree(initiator);
            double u = r.nextDouble();
            int favourite = (int) (degree * u * u);
            int rotation = (int) Math.floorMod(Draws.hash(seed, Draws.FAVOURITES, initiator), (long) degree);
            int recipient = friends.friend(initiator, (favourite + rotation) % degree);
            sink.interaction(i, initiator, recipient, types.sample(r), r.nextInt(Texts.CONTENT_COUNT));
        }
    }

    /** Returns the agent at an activity rank (0: the most active). */
    int byActivity(int rank) {
        return byActivity[rank];
    }

    /** Draws an agent by activity, among those with friends. */
    int activeAgent(SplittableRandom random) {
        return byActivity[activity.sample(random)];
    }

    /** Returns how many interactions a pair had. */
    int pairCount(int pair) {
        return count == 0 ? 0 : pairCount[pair];
    }

    /** Returns a pair's last interaction, or -1 if it had none. */
    int pairLast(int pair) {
        return count == 0 ? -1 : pairLast[pair];
    }

    /** Returns an agent's last initiated interaction, or -1 if it initiated none. */
    int agentLast(int agent) {
        return count == 0 ? -1 : agentLast[agent];
    }
}
