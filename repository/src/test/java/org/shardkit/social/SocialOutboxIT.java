package org.shardkit.social;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.shardkit.core.ShardedDatabase;
import org.shardkit.testing.ShardServersExtension;

/** The repository's contract with two-phase commit off: the other side of each change comes through the outbox. */
class SocialOutboxIT extends SocialRepositoryContract {
    @RegisterExtension
    static final ShardServersExtension servers =
            ShardServersExtension.builder().shards(2).build();

    @Override
    ShardedDatabase openDatabase() {
        return SocialTestbed.open(SocialTestbed.config(servers, b -> b));
    }

    @Override
    CrossShardMode mode() {
        return CrossShardMode.OUTBOX;
    }
}
