package org.shardkit.core.twophase;

import org.shardkit.core.ShardId;

/**
 * A prepared transaction this process knows to be in doubt: its unit's outcome is settled (or must
 * be found by recovery) but the shard has not finished it. What the {@code shardkit.2pc.in.doubt}
 * gauge counts.
 *
 * @param shard the shard holding it
 * @param gid its name in {@code pg_prepared_xacts}
 */
record InDoubt(ShardId shard, String gid) {}
