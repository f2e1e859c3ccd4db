package org.shardkit.routing.tools;

/**
 * A source of IDs to route in a simulation; the plug-in point of {@link SkewReport}.
 *
 * <p>Any generator fits, e.g. a real snowflake generator's method reference: {@code IdSource source =
 * generator::nextId;}. Sources are used from one thread; implementations need not be thread-safe.
 */
@FunctionalInterface
public interface IdSource {

    /**
     * Returns the next ID.
     *
     * @return the ID
     */
    long nextId();
}
