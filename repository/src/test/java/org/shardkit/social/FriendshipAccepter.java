package org.shardkit.social;

import java.util.Properties;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.core.config.TwoPhaseConfig;
import org.shardkit.testing.ChildJvm;

/**
 * The child process of {@link TwoPhaseCrashIT}: opens the repository in {@code TWO_PHASE_COMMIT}
 * mode with the coordinator name it is given (recovery and grace at their defaults, as an
 * application would run), then accepts the pending requests of the given pairs one by one, each a
 * unit over the two agents' shards, and exits 0; the parent's trap kills it in the middle.
 */
public final class FriendshipAccepter {
    private FriendshipAccepter() {}

    public static void main(String[] args) throws Exception {
        Properties p = ChildJvm.handedOver(args);
        TwoPhaseConfig twoPhase = TwoPhaseConfig.builder()
                .enabled(true)
                .coordinator(p.getProperty("coordinator"))
                .build();
        try (ShardedDatabase db = ShardedDatabase.create(SocialTestbed.config(
                        SocialTestbed.endpoints(p),
                        Integer.parseInt(p.getProperty("workerId")),
                        b -> b.twoPhase(twoPhase)));
                SocialRepository social = SocialRepository.builder(db)
                        .crossShardMode(CrossShardMode.TWO_PHASE_COMMIT)
                        .build()) {
            for (String pair : p.getProperty("pairs").split(",", -1)) {
                String[] ab = pair.split(":", -1);
                // The request went from the first to the second: the second accepts.
                social.acceptFriendship(Long.parseLong(ab[1]), Long.parseLong(ab[0]));
                System.out.println("accepted " + pair);
            }
        }
    }
}
