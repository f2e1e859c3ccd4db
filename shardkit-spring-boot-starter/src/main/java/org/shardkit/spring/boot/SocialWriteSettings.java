package org.shardkit.spring.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.BatchConfig;
import org.shardkit.core.config.ConfigProblem;
import org.shardkit.core.config.ConfigurationException;
import org.shardkit.core.config.WriteQueueConfig;
import org.shardkit.core.journal.JournalSettings;
import org.shardkit.core.writequeue.Ack;
import org.shardkit.social.SocialRepositoryBuilder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The {@code shardkit.social.*} keys ({@link SocialProperties}) as the settings of a {@link
 * SocialRepositoryBuilder}. Each value goes to the setter of the builder that owns its bounds
 * ({@link WriteQueueConfig}, {@link BatchConfig}, {@link JournalSettings}), so every bound is written
 * once, there; a value a setter refuses becomes a problem at its key, with where it was written, and
 * all problems are thrown together as one {@link ConfigurationException}, as for the other shardkit
 * keys:
 *
 * <pre>
 * invalid shardkit configuration (Spring properties shardkit.*), 1 problem:
 *   shardkit.social.write-queue.capacity: must be &gt;= 1, but was 0 [class path resource [application.yml] - 7:17]
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
final class SocialWriteSettings {
    private static final String JOURNAL = SocialProperties.PREFIX + ".write-journal";
    private static final String QUEUE = SocialProperties.PREFIX + ".write-queue";
    private static final String BATCHES = SocialProperties.PREFIX + ".interaction-batches";
    private static final String DEFAULT_ACK = SocialProperties.PREFIX + ".default-ack";

    private final @Nullable JournalSettings journal;
    private final @Nullable WriteQueueConfig queue;
    private final @Nullable BatchConfig batches;
    private final @Nullable Ack defaultAck;

    private SocialWriteSettings(
            @Nullable JournalSettings journal,
            @Nullable WriteQueueConfig queue,
            @Nullable BatchConfig batches,
            @Nullable Ack defaultAck) {
        this.journal = journal;
        this.queue = queue;
        this.batches = batches;
        this.defaultAck = defaultAck;
    }

    /**
     * Reads the keys; a section none of whose keys is set keeps the builder's default.
     *
     * @param properties the bound keys
     * @param environment where each key was written, for the messages
     * @throws ConfigurationException naming every key whose value is refused
     */
    static SocialWriteSettings read(SocialProperties properties, Environment environment) {
        Sections s = new Sections(environment);

        SocialProperties.WriteJournal j = properties.getWriteJournal();
        JournalSettings journal = null;
        Path directory = j.getDirectory();
        if (directory != null) {
            JournalSettings.Builder b = JournalSettings.builder(directory);
            s.set(JOURNAL + ".segment-bytes", "segmentBytes", bytes(j.getSegmentBytes()), b::segmentBytes);
            s.set(JOURNAL + ".max-bytes", "maxBytes", bytes(j.getMaxBytes()), b::maxBytes);
            journal = s.build(JOURNAL, true, b::build);
        } else if (j.getSegmentBytes() != null || j.getMaxBytes() != null) {
            s.problem(
                    JOURNAL + ".directory",
                    "missing: " + JOURNAL + ".segment-bytes and .max-bytes are settings of a journal, which needs"
                            + " a directory",
                    JOURNAL + (j.getSegmentBytes() != null ? ".segment-bytes" : ".max-bytes"));
        }

        SocialProperties.WriteQueue q = properties.getWriteQueue();
        WriteQueueConfig.Builder qb = WriteQueueConfig.builder();
        s.set(QUEUE + ".capacity", "capacity", q.getCapacity(), qb::capacity);
        s.set(QUEUE + ".when-full", "whenFull", q.getWhenFull(), qb::whenFull);
        s.set(QUEUE + ".block-timeout", "blockTimeout", q.getBlockTimeout(), qb::blockTimeout);
        s.set(QUEUE + ".close-timeout", "closeTimeout", q.getCloseTimeout(), qb::closeTimeout);
        s.set(QUEUE + ".retry-interval", "retryInterval", q.getRetryInterval(), qb::retryInterval);
        WriteQueueConfig queue = s.build(QUEUE, false, qb::build);

        SocialProperties.InteractionBatches ib = properties.getInteractionBatches();
        BatchConfig.Builder bb = SocialRepositoryBuilder.DEFAULT_INTERACTION_BATCHES.toBuilder();
        s.set(BATCHES + ".max-size", "maxBatchSize", ib.getMaxSize(), bb::maxBatchSize);
        s.set(BATCHES + ".max-age", "maxBatchAge", ib.getMaxAge(), bb::maxBatchAge);
        BatchConfig batches = s.build(BATCHES, false, bb::build);

        Ack ack = properties.getDefaultAck();
        if (ack == Ack.JOURNALED && directory == null) {
            // SocialRepositoryBuilder.build() refuses it too; this names the keys.
            s.problem(DEFAULT_ACK, "journaled needs a write journal: set " + JOURNAL + ".directory", DEFAULT_ACK);
        }
        s.throwIfAny();
        return new SocialWriteSettings(journal, queue, batches, ack);
    }

    /** Gives the builder every setting that was read. */
    void applyTo(SocialRepositoryBuilder builder) {
        if (journal != null) {
            builder.writeJournal(journal);
        }
        if (queue != null) {
            builder.writeQueue(queue);
        }
        if (batches != null) {
            builder.interactionBatches(batches);
        }
        if (defaultAck != null) {
            builder.defaultAck(defaultAck);
        }
    }

    private static @Nullable Long bytes(@Nullable DataSize size) {
        return size == null ? null : size.toBytes();
    }

    /** The settings of one builder after another, and the problems of all. Not thread-safe. */
    private static final class Sections {
        private final Environment environment;
        private final List<ConfigProblem> problems = new ArrayList<>();
        private final Map<String, String> keys = new HashMap<>(); // setting -> key, of the current section
        private boolean given;
        private boolean refused;

        Sections(Environment environment) {
            this.environment = environment;
        }

        /** Gives a set key's value to its setter; a value the setter refuses is a problem at the key. */
        <V> void set(String key, String setting, @Nullable V value, Consumer<V> setter) {
            keys.put(setting, key);
            if (value == null) {
                return;
            }
            given = true;
            try {
                setter.accept(value);
            } catch (IllegalArgumentException e) {
                refused = true;
                problem(key, message(setting, e), key);
            }
        }

        /**
         * Builds the current section when any of its keys was set (or {@code always}) and none was
         * refused; an inconsistency the builder finds is a problem at the key of the setting it names.
         */
        <T> @Nullable T build(String section, boolean always, Supplier<T> build) {
            boolean wanted = (given || always) && !refused;
            Map<String, String> sectionKeys = Map.copyOf(keys);
            keys.clear();
            given = false;
            refused = false;
            if (!wanted) {
                return null;
            }
            try {
                return build.get();
            } catch (IllegalArgumentException e) {
                String text = String.valueOf(e.getMessage());
                String setting = text.split(" ", 2)[0];
                String key = sectionKeys.getOrDefault(setting, section);
                problem(key, message(setting, e), key);
                return null;
            }
        }

        /** Adds a problem at {@code key}, saying where {@code writtenAt} was written. */
        void problem(String key, String message, String writtenAt) {
            String where = where(writtenAt);
            problems.add(new ConfigProblem(key, message + (where == null ? "" : " [" + where + "]"), 0));
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new ConfigurationException(EnvironmentConfigReader.SOURCE, problems);
            }
        }

        /** The builder's message without the setting's name, which the key replaces. */
        private static String message(String setting, IllegalArgumentException e) {
            String text = String.valueOf(e.getMessage());
            return text.startsWith(setting + " ") ? text.substring(setting.length() + 1) : text;
        }

        private @Nullable String where(String key) {
            ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null) {
                    return property.getOrigin() != null ? String.valueOf(property.getOrigin()) : "property " + key;
                }
            }
            return null;
        }
    }
}
