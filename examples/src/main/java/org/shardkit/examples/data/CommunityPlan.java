package org.shardkit.examples.data;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The communities of a graph and who belongs to them. Each agent joins a geometric number of
 * communities (mean {@value #MEAN_MEMBERSHIPS}, at most {@value #MAX_MEMBERSHIPS}), each drawn by
 * Zipf's law (exponent {@value #POPULARITY_EXPONENT}) over the communities, community 0 the most
 * popular: so sizes are skewed, from tens of thousands of members down to a few. An agent's
 * memberships are drawn alone from (seed, agent) and drawn again by the seeder; the member counts
 * and owners are summed once. A community's owner is its member with the lowest index (the one who
 * joined the site first); a community nobody joined is owned by an agent drawn for it who is not a
 * member (as if it had left, which the repository allows). Immutable and thread-safe once built.
 */
final class CommunityPlan {
    static final double MEAN_MEMBERSHIPS = 2;
    static final int MAX_MEMBERSHIPS = 12;
    static final double POPULARITY_EXPONENT = 0.8;

    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int[] NONE = new int[0];

    private final int count;
    private final long seed;
    private final AliasTable popularity;
    private final int[] members;
    private final int[] owner;
    private final long memberships;

    private CommunityPlan(int count, long seed, int agents) {
        this.count = count;
        this.seed = seed;
        this.popularity = AliasTable.zipf(Math.max(1, count), POPULARITY_EXPONENT);
        this.members = new int[count];
        this.owner = new int[count];
        Arrays.fill(owner, Integer.MAX_VALUE);
        IntStream.range(0, count == 0 ? 0 : agents).parallel().forEach(a -> {
            for (int c : memberships(a)) {
                INTS.getAndAdd(members, c, 1);
                int seen = (int) INTS.getVolatile(owner, c);
                while (a < seen && !INTS.compareAndSet(owner, c, seen, a)) {
                    seen = (int) INTS.getVolatile(owner, c);
                }
            }
        });
        long total = 0;
        for (int c = 0; c < count; c++) {
            total += members[c];
            if (members[c] == 0) {
                owner[c] = (int) Math.floorMod(Draws.hash(seed, Draws.OWNERS, c), (long) agents);
            }
        }
        this.memberships = total;
    }

    static CommunityPlan draw(int count, int agents, long seed) {
        return new CommunityPlan(count, seed, agents);
    }

    int count() {
        return count;
    }

    /** Returns the number of membership rows of each kind (community_member, agent_community). */
    long memberships() {
        return memberships;
    }

    int members(int community) {
        return members[community];
    }

    int owner(int community) {
        return owner[community];
    }

    /** Returns an agent's communities, ascending. */
    int[] memberships(int agent) {
        if (count == 0) {
            return NONE;
        }
        SplittableRandom r = Draws.random(seed, Draws.MEMBERSHIPS, agent);
        int wanted = Math.min(Math.min(MAX_MEMBERSHIPS, count), Draws.geometric(r, 1 / (1 + MEAN_MEMBERSHIPS)));
        if (wanted == 0) {
            return NONE;
        }
        int[] picked = new int[wanted];
        int n = 0;
        for (int attempt = 0; attempt < 8 * wanted && n < wanted; attempt++) {
            int c = popularity.sample(r);
            boolean seen = false;
            for (int i = 0; i < n; i++) {
                seen |= picked[i] == c;
            }
            if (!seen) {
                picked[n++] = c;
            }
        }
        int[] mine = Arrays.copyOf(picked, n);
        Arrays.sort(mine);
        return mine;
    }
}
