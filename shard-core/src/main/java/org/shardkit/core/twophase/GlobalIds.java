package org.shardkit.core.twophase;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.ShardId;
import org.shardkit.core.config.TwoPhaseConfig;

/**
 * The global transaction ids of one coordinator instance, {@code
 * shardkit:<coordinator>:<instance>:<counter>}, and the name each shard's prepared transaction gets,
 * {@code <global id>:<shard id>}. PostgreSQL wants a gid unique per server, not per database, and
 * shards may be databases of one server, hence the shard suffix. The instance is 64 random bits, so
 * processes (and databases in one process) sharing a coordinator name never collide. Every part is
 * from {@code [A-Za-z0-9_.:-]}, so an id is safe inside a SQL string literal. Thread-safe.
 */
final class GlobalIds {
    /** What every gid of shardkit starts with. */
    static final String SHARDKIT = "shardkit:";

    private static final Pattern COORDINATOR = Pattern.compile(TwoPhaseConfig.COORDINATOR_PATTERN);
    private static final Pattern REST = Pattern.compile("([0-9a-f]{16}):([0-9]{1,19}):([0-9]{1,10})");

    /** A prepared transaction's name taken apart. */
    record Prepared(String gid, String globalId, ShardId shard) {}

    private final String prefix;
    private final String instancePrefix;
    private final AtomicLong counter = new AtomicLong();

    GlobalIds(String coordinator) {
        if (!COORDINATOR.matcher(coordinator).matches()) {
            throw new IllegalArgumentException(
                    "coordinator must match " + TwoPhaseConfig.COORDINATOR_PATTERN + ", but was '" + coordinator + "'");
        }
        this.prefix = SHARDKIT + coordinator + ":";
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        this.instancePrefix = prefix + HexFormat.of().formatHex(random) + ":";
    }

    /** Returns {@code shardkit:<coordinator>:}, what recovery looks for. */
    String prefix() {
        return prefix;
    }

    /** Returns a new global id. */
    String next() {
        return instancePrefix + counter.incrementAndGet();
    }

    /** Returns the name of a unit's prepared transaction on a shard. */
    static String onShard(String globalId, ShardId shard) {
        return globalId + ":" + shard.value();
    }

    /** Takes a gid of {@code pg_prepared_xacts} apart, or returns null when it is not this coordinator's. */
    @Nullable
    Prepared parse(String gid) {
        if (!gid.startsWith(prefix)) {
            return null;
        }
        Matcher m = REST.matcher(gid.substring(prefix.length()));
        if (!m.matches()) {
            return null;
        }
        try {
            int shard = Integer.parseInt(m.group(3));
            return new Prepared(gid, prefix + m.group(1) + ":" + m.group(2), ShardId.of(shard));
        } catch (IllegalArgumentException e) {
            return null; // NumberFormatException included: beyond an int, not ours
        }
    }
}
