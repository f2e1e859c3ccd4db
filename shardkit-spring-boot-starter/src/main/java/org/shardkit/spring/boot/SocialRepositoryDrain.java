package org.shardkit.spring.boot;

import org.shardkit.core.writequeue.QueueDrain;
import org.shardkit.social.SocialRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Closes the auto-configured {@link SocialRepository} when the application context closes: its
 * interaction write queue drains for up to {@code shardkit.social.write-queue.close-timeout}, and
 * what it could not drain is logged. The bean depends on the repository, which depends on the
 * {@code ShardedDatabase}; Spring destroys dependents first, so this runs while the database is still
 * open (and, with graceful shutdown, after the web server stopped taking requests).
 *
 * <p>Thread-safe: Spring calls it once.
 */
final class SocialRepositoryDrain implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(SocialRepositoryDrain.class);

    private final SocialRepository social;

    SocialRepositoryDrain(SocialRepository social) {
        this.social = social;
    }

    /** Drains and closes the repository with its write queue's close timeout; the database stays open. */
    @Override
    public void destroy() {
        QueueDrain drain = social.close(null);
        if (drain.complete()) {
            LOG.debug(
                    "SocialRepository closed; its write queue drained in {} ms",
                    drain.took().toMillis());
        } else {
            LOG.warn(
                    "SocialRepository closed with interactions uncommitted after {} ms: {} left in the write journal"
                            + " (replayed when the next repository over the same directory is built), {} without a"
                            + " journal (their callers were told they failed); a longer {}.write-queue.close-timeout"
                            + " waits longer",
                    drain.took().toMillis(),
                    drain.leftInJournal(),
                    drain.undrained(),
                    SocialProperties.PREFIX);
        }
    }
}
