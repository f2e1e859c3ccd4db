package org.shardkit.examples.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The friendships of a graph, held compactly: each agent's friends (agent indexes) ascending in one
 * int array (compressed sparse rows), both directions of each pair, and an edge id per pair for the
 * figures both of its rows share. About 8 bytes per friendship row plus 12 per agent: a million
 * agents with ten million pairs take about 100 MB.
 *
 * <p>Drawn as a Chung-Lu graph: each agent gets a weight from a lognormal law (σ = {@value #SIGMA}),
 * and {@code MEAN_FRIENDS / 2} pairs per agent are drawn with both ends in proportion to the weights;
 * self-pairs are not drawn and a pair drawn twice is kept once. So an agent's friend count is close
 * to its weight scaled to the mean: heavy-tailed (median about 9 at a mean of 20, a few agents with
 * thousands), and a few percent of agents without friends. Immutable and thread-safe once built.
 */
final class FriendGraph {
    /** The spread of the lognormal degree weights: heavy enough that the top agents have hundreds of times the mean. */
    static final double SIGMA = 1.3;

    private static final int BLOCK = 1 << 16;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final int agents;
    private final int[] offsets;
    private final int[] friends;
    /** Per agent: the position in its list of its first friend with a higher index. */
    private final int[] firstHigher;
    /** Per agent: the edge id of the pair with its first higher friend; pairs are numbered by their lower agent. */
    private final int[] edgeBase;

    private FriendGraph(int agents, int[] offsets, int[] friends, int[] firstHigher, int[] edgeBase) {
        this.agents = agents;
        this.offsets = offsets;
        this.friends = friends;
        this.firstHigher = firstHigher;
        this.edgeBase = edgeBase;
    }

    /** Draws the friendships of {@code agents} agents, {@code meanFriends} friends each on average. */
    static FriendGraph draw(int agents, int meanFriends, long seed) {
        double[] weights = new double[agents];
        IntStream.range(0, agents).parallel().forEach(i -> {
            long h = Draws.hash(seed, Draws.DEGREES, i);
            weights[i] = StrictMath.exp(SIGMA * Draws.gaussian(h, Draws.mix(h)));
        });
        AliasTable ends = AliasTable.of(weights);
        long draws = agents < 2 ? 0 : (long) agents * meanFriends / 2;
        int blocks = (int) ((draws + BLOCK - 1) / BLOCK);
        int[] degree = new int[agents];
        IntStream.range(0, blocks)
                .parallel()
                .forEach(b -> drawBlock(ends, seed, b, draws, (x, y) -> {
                    INTS.getAndAdd(degree, x, 1);
                    INTS.getAndAdd(degree, y, 1);
                }));
        int[] offsets = new int[agents + 1];
        long total = 0;
        for (int i = 0; i < agents; i++) {
            offsets[i] = (int) total;
            total += degree[i];
        }
        offsets[agents] = (int) total;
        int[] friends = new int[(int) total];
        int[] cursor = Arrays.copyOf(offsets, agents);
        IntStream.range(0, blocks)
                .parallel()
                .forEach(b -> drawBlock(ends, seed, b, draws, (x, y) -> {
                    friends[(int) INTS.getAndAdd(cursor, x, 1)] = y;
                    friends[(int) INTS.getAndAdd(cursor, y, 1)] = x;
                }));
        // Each list ascending without repeats (a pair drawn twice repeats in both lists alike).
        IntStream.range(0, agents).parallel().forEach(u -> {
            Arrays.sort(friends, offsets[u], offsets[u + 1]);
            int write = offsets[u];
            int previous = -1;
            for (int p = offsets[u]; p < offsets[u + 1]; p++) {
                if (friends[p] != previous) {
                    friends[write++] = friends[p];
                    previous = friends[p];
                }
            }
            degree[u] = write - offsets[u];
        });
        int write = 0;
        for (int u = 0; u < agents; u++) {
            int start = offsets[u];
            offsets[u] = write;
            System.arraycopy(friends, start, friends, write, degree[u]);
            write += degree[u];
        }
        offsets[agents] = write;
        int[] firstHigher = new int[agents];
        int[] edgeBase = new int[agents + 1];
        int edges = 0;
        for (int u = 0; u < agents; u++) {
            int p = Arrays.binarySearch(friends, offsets[u], offsets[u + 1], u);
            firstHigher[u] = (p >= 0 ? p + 1 : -p - 1) - offsets[u];
            edgeBase[u] = edges;
            edges += offsets[u + 1] - offsets[u] - firstHigher[u];
        }
        edgeBase[agents] = edges;
        return new FriendGraph(agents, offsets, friends, firstHigher, edgeBase);
    }

    private interface PairSink {
        void pair(int x, int y);
    }

    private static void drawBlock(AliasTable ends, long seed, int block, long draws, PairSink sink) {
        var random = Draws.random(seed, Draws.EDGES, block);
        long end = Math.min(draws, (long) (block + 1) * BLOCK);
        for (long d = (long) block * BLOCK; d < end; d++) {
            int x = ends.sample(random);
            int y = ends.sample(random);
            if (x != y) {
                sink.pair(x, y);
            }
        }
    }

    int agents() {
        return agents;
    }

    /** Returns the number of pairs (each is two friendship rows). */
    int pairs() {
        return edgeBase[agents];
    }

    int degree(int agent) {
        return offsets[agent + 1] - offsets[agent];
    }

    /** Returns the {@code k}-th friend of an agent, friends ascending by index. */
    int friend(int agent, int k) {
        return friends[offsets[agent] + k];
    }

    /** Returns the id of the pair of an agent and its {@code k}-th friend. */
    int edgeAt(int agent, int k) {
        int friend = friends[offsets[agent] + k];
        if (friend > agent) {
            return edgeBase[agent] + k - firstHigher[agent];
        }
        return edge(friend, agent);
    }

    /** Returns the id of the pair of {@code a} and {@code b}, or -1 if they are not friends. */
    int edge(int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        int from = offsets[low] + firstHigher[low];
        int p = Arrays.binarySearch(friends, from, offsets[low + 1], high);
        return p < 0 ? -1 : edgeBase[low] + p - from;
    }

    /** Returns the position of the friend list's entry at a flat position (0 to twice the pairs): its agent. */
    int agentAt(long position) {
        int p = Arrays.binarySearch(offsets, (int) position);
        if (p >= 0) {
            // Several agents may start there (empty lists): the one whose list is not empty.
            while (offsets[p + 1] == offsets[p]) {
                p++;
            }
            return p;
        }
        return -p - 2;
    }

    /** Returns the friend at a flat position of all the lists. */
    int friendAt(long position) {
        return friends[(int) position];
    }

    /** Returns the number of friendship rows: twice the pairs. */
    long rows() {
        return offsets[agents];
    }
}
