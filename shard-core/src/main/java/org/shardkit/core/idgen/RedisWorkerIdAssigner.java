package org.shardkit.core.idgen;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.shardkit.idgen.WorkerIdUnavailableException;
import org.shardkit.idgen.spi.WorkerIdAssigner;
import org.shardkit.idgen.spi.WorkerIdLease;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Leases worker ids from Redis, so that no two live generators share one.
 *
 * <pre>{@code
 * try (JedisPooled redis = new JedisPooled("localhost", 6379);
 *         RedisWorkerIdAssigner assigner = RedisWorkerIdAssigner.builder(redis).build();
 *         IdGenerator ids = IdGenerator.builder().workerIdAssigner(assigner).build()) {
 *     long id = ids.nextId();
 * }
 * }</pre>
 *
 * <p>Worker id {@code n} is the key {@code <prefix>worker:n}, holding the owner, taken with {@code
 * SET key owner NX PX ttl} (lowest free id first) and renewed by a script that extends it with
 * {@code PEXPIRE} only if it still holds this owner; release deletes it the same way. Beside it,
 * {@code <prefix>worker:n:last} (no expiry) stores the deadline written at each renewal and the last
 * issued timestamp at release; the next holder issues only later timestamps. Expiry is judged by the
 * Redis server's clock alone. The generator stops issuing IDs {@code safetyMargin} before the lease
 * could expire, and a lease found taken over or expired is a {@link
 * org.shardkit.idgen.WorkerIdLeaseLostException}.
 *
 * <p>The {@code :last} keys must survive: do not run this against a Redis that evicts keys without
 * an expiry ({@code allkeys-*} policies) or loses writes on restart. Thread-safe; one assigner can
 * serve many generators. {@link #close()} stops the heartbeat thread it created, not the client.
 */
public final class RedisWorkerIdAssigner implements WorkerIdAssigner, AutoCloseable {

    /** Default key prefix: {@value}. */
    public static final String DEFAULT_KEY_PREFIX = "shardkit:idgen:";

    // KEYS: lease, last. ARGV: owner, ttl ms, deadline. Returns nil if taken, else the previous mark or "".
    private static final String ACQUIRE = "if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then"
            + " return false end"
            + " local prev = redis.call('GET', KEYS[2])"
            + " if (not prev) or tonumber(ARGV[3]) > tonumber(prev) then redis.call('SET', KEYS[2], ARGV[3]) end"
            + " return prev or ''";

    // KEYS: lease, last. ARGV: owner, ttl ms, deadline. Compare-and-pexpire.
    private static final String RENEW = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end"
            + " redis.call('PEXPIRE', KEYS[1], ARGV[2])"
            + " local prev = redis.call('GET', KEYS[2])"
            + " if (not prev) or tonumber(ARGV[3]) > tonumber(prev) then redis.call('SET', KEYS[2], ARGV[3]) end"
            + " return 1";

    // KEYS: lease, last. ARGV: owner, last issued. Compare-and-del.
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end"
            + " redis.call('SET', KEYS[2], ARGV[2])"
            + " redis.call('DEL', KEYS[1])"
            + " return 1";

    private static final AtomicLong LEASES = new AtomicLong();

    private final UnifiedJedis redis;
    private final String keyPrefix;
    private final LeaseTimings timings;
    private final String owner;
    private final LeaseRenewals renewals;

    private RedisWorkerIdAssigner(UnifiedJedis redis, String keyPrefix, LeaseAssignerBuilder<?> b) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.timings = b.timings.validated();
        this.owner = b.owner;
        this.renewals = new LeaseRenewals(b.scheduler, timings);
    }

    /**
     * Returns a builder with key prefix {@value #DEFAULT_KEY_PREFIX}, a lease TTL of 30 s, renewal
     * every 10 s and a safety margin of 5 s.
     *
     * @param redis the client, e.g. a {@code JedisPooled}; the assigner does not close it
     * @return a new builder
     */
    public static LeaseAssignerBuilder<RedisWorkerIdAssigner> builder(UnifiedJedis redis) {
        return builder(redis, DEFAULT_KEY_PREFIX);
    }

    /**
     * Returns a builder for leases under another key prefix. Generators that must not share worker
     * ids must share the prefix.
     *
     * @param redis the client; the assigner does not close it
     * @param keyPrefix the prefix of every key, may be empty
     * @return a new builder
     */
    public static LeaseAssignerBuilder<RedisWorkerIdAssigner> builder(UnifiedJedis redis, String keyPrefix) {
        if (redis == null) {
            throw new IllegalArgumentException("redis must not be null");
        }
        if (keyPrefix == null) {
            throw new IllegalArgumentException("keyPrefix must not be null");
        }
        return new LeaseAssignerBuilder<>(b -> new RedisWorkerIdAssigner(redis, keyPrefix, b));
    }

    /**
     * Returns the key of a worker id's lease.
     *
     * @param workerId the worker id
     * @return the key, {@code <prefix>worker:<workerId>}
     */
    public String leaseKey(long workerId) {
        return keyPrefix + "worker:" + workerId;
    }

    private String lastKey(long workerId) {
        return leaseKey(workerId) + ":last";
    }

    /**
     * Leases the lowest free worker id in {@code [0, maxWorkerId]} and starts its heartbeat.
     *
     * @throws WorkerIdUnavailableException if every worker id is leased, or Redis failed
     */
    @Override
    public WorkerIdLease acquire(long maxWorkerId, Clock clock) {
        String leaseOwner = owner + "#" + LEASES.incrementAndGet();
        String ttl = Long.toString(timings.ttlMillis());
        try {
            for (long id = 0; id <= maxWorkerId; id++) {
                long start = clock.millis();
                String deadline = Long.toString(timings.deadlineAfter(start));
                Object reply =
                        redis.eval(ACQUIRE, List.of(leaseKey(id), lastKey(id)), List.of(leaseOwner, ttl, deadline));
                if (reply != null) {
                    String prev = asString(reply);
                    long last = prev.isEmpty() ? WorkerIdLease.NO_TIMESTAMP : Long.parseLong(prev);
                    Lease lease = new Lease(id, last, start, clock, leaseOwner);
                    renewals.start(lease);
                    return lease;
                }
            }
        } catch (JedisException e) {
            throw new WorkerIdUnavailableException(
                    "could not lease a worker id from Redis keys " + keyPrefix + "worker:*: " + e.getMessage(), e);
        }
        throw new WorkerIdUnavailableException("all " + (maxWorkerId + 1) + " worker ids [0, " + maxWorkerId
                + "] under Redis keys " + keyPrefix + "worker:* are leased");
    }

    private static String asString(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : reply.toString();
    }

    /**
     * Renews every lease of this assigner now, instead of waiting for the heartbeat.
     *
     * @return how many leases are still held
     */
    public int renewAll() {
        return renewals.renewAll();
    }

    /** Stops the heartbeat thread if this assigner created it. Leases not released expire by themselves. */
    @Override
    public void close() {
        renewals.close();
    }

    @Override
    public String toString() {
        return "RedisWorkerIdAssigner[keyPrefix=" + keyPrefix + ", owner=" + owner + ", " + timings + "]";
    }

    private final class Lease extends RenewingLease {
        Lease(long workerId, long lastTimestamp, long start, Clock clock, String leaseOwner) {
            super(workerId, lastTimestamp, start, clock, timings, leaseOwner, "Redis key " + leaseKey(workerId));
        }

        @Override
        boolean renewInStore(String leaseOwner, long newDeadline) {
            return run(RENEW, leaseOwner, Long.toString(timings.ttlMillis()), Long.toString(newDeadline));
        }

        @Override
        void releaseInStore(String leaseOwner, long lastIssued) {
            run(RELEASE, leaseOwner, Long.toString(lastIssued));
        }

        private boolean run(String script, String... args) {
            try {
                Object reply = redis.eval(script, List.of(leaseKey(workerId()), lastKey(workerId())), List.of(args));
                return reply instanceof Long n && n == 1L;
            } catch (JedisException e) {
                throw new WorkerIdUnavailableException("Redis key " + leaseKey(workerId()) + ": " + e.getMessage(), e);
            }
        }
    }
}
