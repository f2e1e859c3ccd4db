package org.shardkit.cache.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * The connection of one cache instance to Redis: a pool for commands, and one subscriber thread that
 * holds the invalidation subscription, reconnects when it breaks and PINGs it to notice a silent
 * network failure. The link is <em>available</em> only while the subscription is confirmed and no
 * command has failed since; while it is not, the cache must neither read nor write Redis (a node
 * that cannot hear invalidations must not trust, or feed, what it reads).
 *
 * <p>Thread-safe. No compatibility promise.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** What the link tells its owner. Callbacks run on the subscriber thread. */
    public interface Listener {
        /**
         * A message arrived on the channel.
         *
         * @param message the message
         */
        void onMessage(String message);

        /**
         * The subscription was (re)established; runs before the link reports itself available, so
         * anything the node may have missed can be dropped here. Throwing makes the link reconnect.
         *
         * @param client the pooled client, usable here
         */
        void onSubscribed(UnifiedJedis client);

        /** The link became available (after {@link #onSubscribed}). */
        void onAvailable();
    }

    private final JedisPooled client;
    private final HostAndPort address;
    private final JedisClientConfig subscriberConfig;
    private final String channel;
    private final Listener listener;
    private final long reconnectDelayNanos;
    private final long healthIntervalNanos;
    private final Thread subscriber;
    private final Thread health;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);

    private final Object lock = new Object();
    private volatile boolean available;
    private volatile boolean closed;
    private volatile long lastPongNanos;
    private volatile @Nullable Subscription subscription;
    // Guarded by lock.
    private long epoch;
    private @Nullable Jedis subscriberConnection;
    private @Nullable String downReason = "not connected yet";

    /**
     * Creates the link; {@link #start()} starts its threads.
     *
     * @param host the host
     * @param port the port
     * @param clientConfig timeouts, credentials, TLS and database
     * @param poolConfig the command pool's configuration
     * @param channel the invalidation channel
     * @param reconnectDelay the pause between reconnect attempts
     * @param healthCheckInterval the interval of the subscriber's PING
     * @param listener the owner
     */
    public RedisLink(
            String host,
            int port,
            DefaultJedisClientConfig clientConfig,
            ConnectionPoolConfig poolConfig,
            String channel,
            Duration reconnectDelay,
            Duration healthCheckInterval,
            Listener listener) {
        this.address = new HostAndPort(host, port);
        this.client = new JedisPooled(address, clientConfig, poolConfig);
        this.subscriberConfig = clientConfig;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.reconnectDelayNanos = reconnectDelay.toNanos();
        this.healthIntervalNanos = healthCheckInterval.toNanos();
        int n = INSTANCES.incrementAndGet();
        this.subscriber = new Thread(this::subscribeLoop, "shardkit-cache-subscriber-" + n);
        this.subscriber.setDaemon(true);
        this.health = new Thread(this::healthLoop, "shardkit-cache-health-" + n);
        this.health.setDaemon(true);
    }

    /** Starts the subscriber and health-check threads; {@link #awaitFirstSubscription} waits for the first subscription. */
    public void start() {
        subscriber.start();
        health.start();
    }

    /** Returns the pooled client. Use it only while {@link #available()}; report failures to {@link #failed}. */
    public UnifiedJedis client() {
        return client;
    }

    /** Tells whether Redis may be used: subscribed, and no command failed since. */
    public boolean available() {
        return available;
    }

    /**
     * Waits until the first subscription is confirmed, or the timeout passes.
     *
     * @param timeout the longest wait
     * @return whether the link is available
     */
    public boolean awaitFirstSubscription(Duration timeout) {
        try {
            firstSubscription.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return available;
    }

    /**
     * Reports a failed command: the link becomes unavailable and drops its subscription, so the node
     * resubscribes (and its owner clears what it may have missed) before it uses Redis again.
     *
     * @param cause what failed
     */
    public void failed(RuntimeException cause) {
        markDown("a command failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    private void markDown(String reason) {
        Jedis connection;
        boolean wasAvailable;
        synchronized (lock) {
            epoch++;
            wasAvailable = available;
            available = false;
            if (downReason == null) {
                downReason = reason;
            }
            connection = subscriberConnection;
        }
        if (wasAvailable && !closed) {
            log.warn(
                    "Redis at {} unavailable ({}); the cache serves L1 and loads until it resubscribes",
                    address,
                    reason);
        }
        if (connection != null) {
            disconnectQuietly(connection);
        }
    }

    private void subscribeLoop() {
        while (!closed) {
            Jedis connection = null;
            try {
                connection = new Jedis(address, subscriberConfig);
                long myEpoch;
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    subscriberConnection = connection;
                    myEpoch = epoch;
                }
                Subscription s = new Subscription(myEpoch);
                subscription = s;
                connection.subscribe(s, channel); // blocks until unsubscribed or the connection breaks
            } catch (RuntimeException e) {
                if (!closed) {
                    markDown("subscription: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            } finally {
                subscription = null;
                synchronized (lock) {
                    subscriberConnection = null;
                }
                if (connection != null) {
                    disconnectQuietly(connection);
                }
            }
            if (!closed) {
                LockSupport.parkNanos(this, reconnectDelayNanos);
            }
        }
    }

    private void healthLoop() {
        while (!closed) {
            LockSupport.parkNanos(this, healthIntervalNanos);
            Subscription s = subscription;
            if (closed || s == null || !available) {
                continue;
            }
            if (System.nanoTime() - lastPongNanos > 3 * healthIntervalNanos) {
                markDown("no PONG on the subscription for " + TimeUnit.NANOSECONDS.toMillis(3 * healthIntervalNanos)
                        + " ms");
                continue;
            }
            try {
                s.sendPing();
            } catch (RuntimeException e) {
                markDown("PING failed: " + e.getMessage());
            }
        }
    }

    private static void disconnectQuietly(Jedis connection) {
        try {
            connection.disconnect();
        } catch (RuntimeException e) {
            log.debug("closing the subscriber connection failed", e);
        }
    }

    /** Stops the threads and closes every connection. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Subscription s = subscription;
        if (s != null) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                log.debug("unsubscribing failed", e);
            }
        }
        Jedis connection;
        synchronized (lock) {
            available = false;
            connection = subscriberConnection;
        }
        if (connection != null) {
            disconnectQuietly(connection);
        }
        LockSupport.unpark(subscriber);
        LockSupport.unpark(health);
        try {
            subscriber.join(TimeUnit.SECONDS.toMillis(2));
            health.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.close();
    }

    @Override
    public String toString() {
        return "RedisLink[" + address + " channel=" + channel + " available=" + available + "]";
    }

    private final class Subscription extends JedisPubSub {
        private final long epochAtConnect;

        Subscription(long epochAtConnect) {
            this.epochAtConnect = epochAtConnect;
        }

        synchronized void sendPing() {
            if (isSubscribed()) {
                ping();
            }
        }

        synchronized void stop() {
            if (isSubscribed()) {
                unsubscribe();
            }
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            try {
                client.getPool().clear(); // connections from before an outage may be dead
                listener.onSubscribed(client);
            } catch (RuntimeException e) {
                markDown("resubscribing: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                return;
            }
            String recovered;
            synchronized (lock) {
                if (epoch != epochAtConnect || closed) {
                    return; // something failed meanwhile; the loop reconnects
                }
                lastPongNanos = System.nanoTime();
                available = true;
                recovered = downReason;
                downReason = null;
            }
            if (recovered != null) {
                log.info("Redis at {} available; subscribed to {} (was down: {})", address, channel, recovered);
            }
            firstSubscription.countDown();
            listener.onAvailable();
        }

        @Override
        public void onMessage(String channel, String message) {
            try {
                listener.onMessage(message);
            } catch (RuntimeException e) {
                log.warn("could not handle invalidation message on {}", channel, e);
            }
        }

        @Override
        public void onPong(String pattern) {
            lastPongNanos = System.nanoTime();
        }
    }
}
