package org.shardkit.core.config;

/** Whether {@link org.shardkit.core.ShardedDatabase} checks every shard when it is built. */
public enum StartupMode {
    /** Connect to every primary at start and fail, naming each unreachable shard, if any is down. */
    EAGER,
    /** Start without connecting; a dead shard shows up on first use. */
    LAZY
}
