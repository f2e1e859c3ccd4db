package org.shardkit.core.config;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Two-phase commit settings (the {@code twoPhase} section): whether {@code
 * ShardedDatabase.inDistributedTransaction} may span shards, the coordinator's name, and how often
 * and how cautiously prepared transactions left behind are recovered. See {@code
 * docs/two-phase-commit.md}.
 *
 * <p>Immutable and thread-safe.
 */
public final class TwoPhaseConfig {
    /** Default coordinator name: {@value}. */
    public static final String DEFAULT_COORDINATOR = "default";
    /** Default time between recovery passes: 60 seconds (as Citus). */
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(60);
    /** Default age a prepared transaction must reach before recovery resolves it: 30 seconds. */
    public static final Duration DEFAULT_IN_DOUBT_GRACE = Duration.ofSeconds(30);
    /** What a coordinator name may be: it is part of every global transaction id. */
    public static final String COORDINATOR_PATTERN = "[A-Za-z0-9_.-]{1,63}";

    private static final TwoPhaseConfig DEFAULTS = builder().build();

    private final boolean enabled;
    private final String coordinator;
    private final Duration recoveryInterval;
    private final Duration inDoubtGrace;

    private TwoPhaseConfig(Builder b) {
        this.enabled = b.enabled;
        this.coordinator = b.coordinator;
        this.recoveryInterval = b.recoveryInterval;
        this.inDoubtGrace = b.inDoubtGrace;
    }

    /** Returns the defaults: disabled, coordinator {@code default}, recovery every 60 s, 30 s grace. */
    public static TwoPhaseConfig defaults() {
        return DEFAULTS;
    }

    /** Returns a builder starting from the defaults. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Returns a builder starting from these settings; each setting may then be given once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Tells whether units may span shards (with {@code PREPARE TRANSACTION}); off by default. */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Returns the coordinator's name: part of every global transaction id, and what recovery looks
     * for. Processes that recover each other's units share it.
     */
    public String coordinator() {
        return coordinator;
    }

    /** Returns the time between recovery passes; zero means no periodic pass (nor one at start). */
    public Duration recoveryInterval() {
        return recoveryInterval;
    }

    /** Returns how old a prepared transaction must be before recovery resolves it. */
    public Duration inDoubtGrace() {
        return inDoubtGrace;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TwoPhaseConfig t
                && enabled == t.enabled
                && coordinator.equals(t.coordinator)
                && recoveryInterval.equals(t.recoveryInterval)
                && inDoubtGrace.equals(t.inDoubtGrace);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enabled, coordinator, recoveryInterval, inDoubtGrace);
    }

    @Override
    public String toString() {
        return "TwoPhaseConfig[enabled=" + enabled + ", coordinator=" + coordinator + ", recoveryInterval="
                + Settings.format(recoveryInterval) + ", inDoubtGrace=" + Settings.format(inDoubtGrace) + "]";
    }

    /**
     * Builds a {@link TwoPhaseConfig}. Each setter checks its value at once and may be called once.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Settings.Given given = new Settings.Given();
        private boolean enabled;
        private String coordinator = DEFAULT_COORDINATOR;
        private Duration recoveryInterval = DEFAULT_RECOVERY_INTERVAL;
        private Duration inDoubtGrace = DEFAULT_IN_DOUBT_GRACE;

        private Builder(@Nullable TwoPhaseConfig base) {
            if (base != null) {
                enabled = base.enabled;
                coordinator = base.coordinator;
                recoveryInterval = base.recoveryInterval;
                inDoubtGrace = base.inDoubtGrace;
            }
        }

        /**
         * Sets whether units may span shards; default false. Every shard then needs {@code
         * max_prepared_transactions > 0}.
         *
         * @param value true to enable two-phase commit
         * @return this builder
         */
        public Builder enabled(boolean value) {
            given.once("enabled", enabled, value);
            this.enabled = value;
            return this;
        }

        /**
         * Sets the coordinator's name; default {@value #DEFAULT_COORDINATOR}.
         *
         * @param value a name matching {@value #COORDINATOR_PATTERN}
         * @return this builder
         */
        public Builder coordinator(String value) {
            given.once("coordinator", coordinator, value);
            this.coordinator = Settings.text(
                    "coordinator", value, COORDINATOR_PATTERN, "1 to 63 of the characters A-Z a-z 0-9 _ . -");
            return this;
        }

        /**
         * Sets the time between recovery passes; default 60 s; 0 (no periodic pass) or at least 100 ms.
         *
         * @param value the interval
         * @return this builder
         */
        public Builder recoveryInterval(Duration value) {
            given.once("recoveryInterval", recoveryInterval, value);
            Settings.zeroOrAtLeast("recoveryInterval", value, Duration.ofMillis(100));
            this.recoveryInterval = Settings.atMost("recoveryInterval", value, Duration.ofDays(1));
            return this;
        }

        /**
         * Sets how old a prepared transaction must be before recovery resolves it; default 30 s,
         * 0 … 10 minutes. Units usually finish well within it; 0 suits tests only.
         *
         * @param value the grace period
         * @return this builder
         */
        public Builder inDoubtGrace(Duration value) {
            given.once("inDoubtGrace", inDoubtGrace, value);
            Settings.atLeast("inDoubtGrace", value, Duration.ZERO);
            this.inDoubtGrace = Settings.atMost("inDoubtGrace", value, Duration.ofMinutes(10));
            return this;
        }

        /** Builds the settings. */
        public TwoPhaseConfig build() {
            return new TwoPhaseConfig(this);
        }
    }
}
