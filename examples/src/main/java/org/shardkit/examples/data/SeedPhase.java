package org.shardkit.examples.data;

import java.util.Locale;

/** The steps of a {@link BulkSeeder} load, in the order it runs them. */
public enum SeedPhase {
    /** Agent rows (on the agent's shard) and handle rows (on the handle's shard). */
    AGENTS,
    /** Friendship rows, one on each friend's shard. */
    FRIENDSHIPS,
    /** Interaction rows (on the initiator's shard) and inbox copies (on the recipient's shard). */
    INTERACTIONS,
    /** Community rows, their member rows (on the community's shard) and the agents' own lists (on the agent's shard). */
    COMMUNITIES,
    /** {@code ANALYZE} of every table on every shard; its progress counts tables, not rows. */
    ANALYZE;

    /** Returns the phase's name for people: the constant in lower case ({@code agents}, ...). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
