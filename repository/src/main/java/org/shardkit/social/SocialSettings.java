package org.shardkit.social;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The limits of the social API. Every bound is checked here, once; the repository only applies
 * them. Immutable and thread-safe.
 */
public final class SocialSettings {
    /** Default longest interaction content: 64 KiB of UTF-8. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 64 * 1024;
    /** Default longest name: 200 characters. */
    public static final int DEFAULT_MAX_NAME_LENGTH = 200;
    /** Default longest biography: 4,096 characters. */
    public static final int DEFAULT_MAX_BIO_LENGTH = 4096;
    /** Default interest ids: {@code [0, 1024)}. */
    public static final int DEFAULT_INTEREST_ID_LIMIT = 1024;
    /** Default most interests per agent: 64. */
    public static final int DEFAULT_MAX_INTERESTS = 64;
    /** Default largest page: 1,000 items. */
    public static final int DEFAULT_MAX_PAGE_SIZE = 1000;
    /** Default lock wait inside a cross-shard write: 5 seconds (a deadlock across shards ends there). */
    public static final Duration DEFAULT_CROSS_SHARD_LOCK_TIMEOUT = Duration.ofSeconds(5);
    /** Default weight of the personality matrix in the compatibility score: 0.3. */
    public static final double DEFAULT_PERSONALITY_WEIGHT = 0.3;
    /** Default weight of the interest overlap (Jaccard) in the compatibility score: 0.5. */
    public static final double DEFAULT_INTEREST_WEIGHT = 0.5;
    /** Default weight of the recency of activity in the compatibility score: 0.2. */
    public static final double DEFAULT_RECENCY_WEIGHT = 0.2;
    /** Default recency half-life of the compatibility score: 7 days (168 hours). */
    public static final Duration DEFAULT_RECENCY_HALF_LIFE = Duration.ofDays(7);
    /**
     * Default candidates a shard scores for a compatible-agents search: 200, its most recently active
     * agents (by day) that share an interest with the seeker (docs/social.md, "Compatible agents").
     */
    public static final int DEFAULT_COMPATIBLE_CANDIDATES = 200;
    /** Default deadline of a feed page's shards: 2 seconds. */
    public static final Duration DEFAULT_FEED_DEADLINE = Duration.ofSeconds(2);

    private static final SocialSettings DEFAULTS = builder().build();

    private final int maxContentBytes;
    private final int maxNameLength;
    private final int maxBioLength;
    private final int interestIdLimit;
    private final int maxInterests;
    private final int maxPageSize;
    private final int writesPerAgent;
    private final @Nullable Duration writeWindow;
    private final Duration crossShardLockTimeout;
    private final byte[] cursorSecret;
    private final double personalityWeight;
    private final double interestWeight;
    private final double recencyWeight;
    private final Duration recencyHalfLife;
    private final int compatibleCandidates;
    private final Duration feedDeadline;

    private SocialSettings(Builder b) {
        this.maxContentBytes = b.maxContentBytes;
        this.maxNameLength = b.maxNameLength;
        this.maxBioLength = b.maxBioLength;
        this.interestIdLimit = b.interestIdLimit;
        this.maxInterests = b.maxInterests;
        this.maxPageSize = b.maxPageSize;
        this.writesPerAgent = b.writesPerAgent;
        this.writeWindow = b.writeWindow;
        this.crossShardLockTimeout = b.crossShardLockTimeout;
        this.cursorSecret = b.cursorSecret.clone();
        this.personalityWeight = b.personalityWeight;
        this.interestWeight = b.interestWeight;
        this.recencyWeight = b.recencyWeight;
        this.recencyHalfLife = b.recencyHalfLife;
        this.compatibleCandidates = b.compatibleCandidates;
        this.feedDeadline = b.feedDeadline;
    }

    /** Returns the defaults: the limits above, no write rate limit. */
    public static SocialSettings defaults() {
        return DEFAULTS;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the longest interaction content, in UTF-8 bytes. */
    public int maxContentBytes() {
        return maxContentBytes;
    }

    /** Returns the longest agent or community name, in characters. */
    public int maxNameLength() {
        return maxNameLength;
    }

    /** Returns the longest biography or community description, in characters. */
    public int maxBioLength() {
        return maxBioLength;
    }

    /** Returns the bound of interest ids: each must be in {@code [0, interestIdLimit)}. */
    public int interestIdLimit() {
        return interestIdLimit;
    }

    /** Returns the most interests an agent may have. */
    public int maxInterests() {
        return maxInterests;
    }

    /** Returns the largest page a read may ask for. */
    public int maxPageSize() {
        return maxPageSize;
    }

    /** Returns whether each agent's writes are rate-limited. */
    public boolean writeRateLimited() {
        return writeWindow != null;
    }

    /** Returns the writes allowed per agent per {@link #writeWindow()}, when limited. */
    public int writesPerAgent() {
        return writesPerAgent;
    }

    /** Returns the window of the per-agent write limit, or null when writes are not limited. */
    public @Nullable Duration writeWindow() {
        return writeWindow;
    }

    /** Returns the longest a cross-shard write waits for a row lock before it fails. */
    public Duration crossShardLockTimeout() {
        return crossShardLockTimeout;
    }

    /** Returns the weight of the personality matrix in the compatibility score. */
    public double personalityWeight() {
        return personalityWeight;
    }

    /** Returns the weight of the interest overlap (Jaccard) in the compatibility score. */
    public double interestWeight() {
        return interestWeight;
    }

    /** Returns the weight of the recency of activity in the compatibility score. */
    public double recencyWeight() {
        return recencyWeight;
    }

    /** Returns the silence after which the recency term of the compatibility score is one half (whole hours). */
    public Duration recencyHalfLife() {
        return recencyHalfLife;
    }

    /**
     * Returns how many candidates each shard scores for a compatible-agents search: its most recently
     * active agents (by day, then the newer id) that share an interest with the seeker.
     */
    public int compatibleCandidates() {
        return compatibleCandidates;
    }

    /** Returns the longest a feed page waits for the shards that hold the friends. */
    public Duration feedDeadline() {
        return feedDeadline;
    }

    byte[] cursorSecret() {
        return cursorSecret.clone();
    }

    @Override
    public String toString() {
        return "SocialSettings{maxContentBytes=" + maxContentBytes + ", maxNameLength=" + maxNameLength
                + ", maxBioLength=" + maxBioLength + ", interestIdLimit=" + interestIdLimit + ", maxInterests="
                + maxInterests + ", maxPageSize=" + maxPageSize + ", writeRateLimit="
                + (writeWindow == null ? "off" : writesPerAgent + " per " + writeWindow) + ", crossShardLockTimeout="
                + crossShardLockTimeout + ", compatibilityWeights=" + personalityWeight + "/" + interestWeight + "/"
                + recencyWeight + ", recencyHalfLife=" + recencyHalfLife + ", compatibleCandidates="
                + compatibleCandidates + ", feedDeadline=" + feedDeadline
                + ", cursorSecret=" + (cursorSecret.length == 0 ? "default" : "****") + "}";
    }

    /** Builds {@link SocialSettings}; each setter checks its bound and names the bad value. */
    public static final class Builder {
        private int maxContentBytes = DEFAULT_MAX_CONTENT_BYTES;
        private int maxNameLength = DEFAULT_MAX_NAME_LENGTH;
        private int maxBioLength = DEFAULT_MAX_BIO_LENGTH;
        private int interestIdLimit = DEFAULT_INTEREST_ID_LIMIT;
        private int maxInterests = DEFAULT_MAX_INTERESTS;
        private int maxPageSize = DEFAULT_MAX_PAGE_SIZE;
        private int writesPerAgent;
        private @Nullable Duration writeWindow;
        private Duration crossShardLockTimeout = DEFAULT_CROSS_SHARD_LOCK_TIMEOUT;
        private byte[] cursorSecret = new byte[0];
        private double personalityWeight = DEFAULT_PERSONALITY_WEIGHT;
        private double interestWeight = DEFAULT_INTEREST_WEIGHT;
        private double recencyWeight = DEFAULT_RECENCY_WEIGHT;
        private Duration recencyHalfLife = DEFAULT_RECENCY_HALF_LIFE;
        private int compatibleCandidates = DEFAULT_COMPATIBLE_CANDIDATES;
        private Duration feedDeadline = DEFAULT_FEED_DEADLINE;

        private Builder() {}

        /** Sets the longest interaction content in UTF-8 bytes, {@code 1..16 MiB}. */
        public Builder maxContentBytes(int value) {
            this.maxContentBytes = within("maxContentBytes", value, 1, 16 * 1024 * 1024);
            return this;
        }

        /** Sets the longest name in characters, {@code 1..10,000}. */
        public Builder maxNameLength(int value) {
            this.maxNameLength = within("maxNameLength", value, 1, 10_000);
            return this;
        }

        /** Sets the longest biography or description in characters, {@code 0..1,000,000}. */
        public Builder maxBioLength(int value) {
            this.maxBioLength = within("maxBioLength", value, 0, 1_000_000);
            return this;
        }

        /** Sets the bound of interest ids, {@code 1..1,000,000}. */
        public Builder interestIdLimit(int value) {
            this.interestIdLimit = within("interestIdLimit", value, 1, 1_000_000);
            return this;
        }

        /** Sets the most interests per agent, {@code 0..10,000}. */
        public Builder maxInterests(int value) {
            this.maxInterests = within("maxInterests", value, 0, 10_000);
            return this;
        }

        /** Sets the largest page, {@code 1..100,000}. */
        public Builder maxPageSize(int value) {
            this.maxPageSize = within("maxPageSize", value, 1, 100_000);
            return this;
        }

        /**
         * Limits each agent's writes (the seed's {@code 10/minute}); off by default.
         *
         * @param permits writes per window, {@code >= 1}
         * @param window the window, at least 1 ms
         */
        public Builder writeRateLimit(int permits, Duration window) {
            Objects.requireNonNull(window, "window");
            within("writeRateLimit.permits", permits, 1, Integer.MAX_VALUE);
            if (window.toMillis() < 1) {
                throw new IllegalArgumentException("writeRateLimit.window must be at least 1ms, but was " + window);
            }
            this.writesPerAgent = permits;
            this.writeWindow = window;
            return this;
        }

        /** Sets the longest lock wait inside a cross-shard write, {@code 1 ms..10 min}. */
        public Builder crossShardLockTimeout(Duration value) {
            this.crossShardLockTimeout =
                    within("crossShardLockTimeout", value, Duration.ofMillis(1), Duration.ofMinutes(10), "1ms and 10m");
            return this;
        }

        /**
         * Sets the secret that signs page cursors, so a cursor edited by a client, or one from
         * another list, is refused; every node of a service must use the same one.
         */
        public Builder cursorSecret(String value) {
            Objects.requireNonNull(value, "cursorSecret");
            if (value.length() < 16) {
                throw new IllegalArgumentException(
                        "cursorSecret must be at least 16 characters, but was " + value.length());
            }
            this.cursorSecret = value.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * Sets the weights of the compatibility score's terms (docs/social.md, "Compatible agents"),
         * each in {@code [0, 1000]}, at least one positive.
         */
        public Builder compatibilityWeights(double personality, double interests, double recency) {
            weight("compatibilityWeights.personality", personality);
            weight("compatibilityWeights.interests", interests);
            weight("compatibilityWeights.recency", recency);
            if (personality + interests + recency == 0) {
                throw new IllegalArgumentException("compatibilityWeights must not all be 0");
            }
            this.personalityWeight = personality;
            this.interestWeight = interests;
            this.recencyWeight = recency;
            return this;
        }

        /** Sets the recency half-life of the compatibility score, whole hours from {@code 1 h} to {@code 3650 d}. */
        public Builder recencyHalfLife(Duration value) {
            within("recencyHalfLife", value, Duration.ofHours(1), Duration.ofDays(3650), "1h and 3650d");
            if (!value.equals(Duration.ofHours(value.toHours()))) {
                throw new IllegalArgumentException("recencyHalfLife must be whole hours, but was " + value);
            }
            this.recencyHalfLife = value;
            return this;
        }

        /**
         * Sets how many candidates each shard scores for a compatible-agents search, {@code
         * 1..1,000,000}: the search is exact while no shard holds more active agents sharing an
         * interest with the seeker; past that it ranks each shard's most recently active ones (by day).
         */
        public Builder compatibleCandidates(int value) {
            this.compatibleCandidates = within("compatibleCandidates", value, 1, 1_000_000);
            return this;
        }

        /** Sets the longest a feed page waits for the friends' shards, {@code 1 ms..1 min}. */
        public Builder feedDeadline(Duration value) {
            this.feedDeadline =
                    within("feedDeadline", value, Duration.ofMillis(1), Duration.ofMinutes(1), "1ms and 1m");
            return this;
        }

        private static Duration within(String name, Duration value, Duration min, Duration max, String range) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException(name + " must be between " + range + ", but was " + value);
            }
            return value;
        }

        private static void weight(String name, double value) {
            if (!(value >= 0 && value <= 1000)) {
                throw new IllegalArgumentException(name + " must be between 0 and 1000, but was " + value);
            }
        }

        /** Returns the settings. */
        public SocialSettings build() {
            return new SocialSettings(this);
        }

        private static int within(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(
                        name + " must be between " + min + " and " + max + ", but was " + value);
            }
            return value;
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SocialSettings s
                && maxContentBytes == s.maxContentBytes
                && maxNameLength == s.maxNameLength
                && maxBioLength == s.maxBioLength
                && interestIdLimit == s.interestIdLimit
                && maxInterests == s.maxInterests
                && maxPageSize == s.maxPageSize
                && writesPerAgent == s.writesPerAgent
                && Objects.equals(writeWindow, s.writeWindow)
                && crossShardLockTimeout.equals(s.crossShardLockTimeout)
                && Arrays.equals(cursorSecret, s.cursorSecret)
                && personalityWeight == s.personalityWeight
                && interestWeight == s.interestWeight
                && recencyWeight == s.recencyWeight
                && recencyHalfLife.equals(s.recencyHalfLife)
                && compatibleCandidates == s.compatibleCandidates
                && feedDeadline.equals(s.feedDeadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                maxContentBytes,
                maxNameLength,
                maxBioLength,
                interestIdLimit,
                maxInterests,
                maxPageSize,
                writesPerAgent,
                writeWindow,
                crossShardLockTimeout,
                Arrays.hashCode(cursorSecret),
                personalityWeight,
                interestWeight,
                recencyWeight,
                recencyHalfLife,
                compatibleCandidates,
                feedDeadline);
    }
}
