package org.shardkit.spring.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own keys under {@code shardkit}: whether to configure shardkit at all, where a
 * shardkit YAML file is, and the migrations to run at startup. Every other key under {@code
 * shardkit} is a key of shardkit's YAML configuration ({@code docs/configuration.md}) and is read
 * by shard-core's reader, not bound here.
 *
 * <p>Not thread-safe: Spring binds it once at startup.
 */
@ConfigurationProperties(prefix = ShardkitProperties.PREFIX)
public class ShardkitProperties {
    /** The prefix of every shardkit key: {@value}. */
    public static final String PREFIX = "shardkit";

    /** The default Flyway location of {@code shardkit.migrate.locations}: {@value}. */
    public static final String DEFAULT_MIGRATION_LOCATION = "classpath:db/migration";

    /** Whether to configure a ShardedDatabase at all. */
    private boolean enabled = true;

    /**
     * A shardkit YAML file to read instead of the shardkit keys of the Spring configuration; read
     * with ShardkitConfig.fromYaml(Path): ${VAR} from the process environment, a relative
     * passwordFile from the file's directory.
     */
    private @Nullable Path config;

    /** Flyway migrations applied to every shard's primary when the database starts. */
    private final Migrate migrate = new Migrate();

    /** Creates the properties with their defaults. */
    public ShardkitProperties() {}

    /** Returns whether to configure a ShardedDatabase; default {@code true}. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether to configure a ShardedDatabase. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns the shardkit YAML file to read, or null to read the Spring configuration's keys. */
    public @Nullable Path getConfig() {
        return config;
    }

    /** Sets the shardkit YAML file to read. */
    public void setConfig(@Nullable Path config) {
        this.config = config;
    }

    /** Returns the migration settings. */
    public Migrate getMigrate() {
        return migrate;
    }

    /**
     * {@code shardkit.migrate.*}: Flyway migrations per shard at startup.
     *
     * <p>Not thread-safe.
     */
    public static class Migrate {
        /** Whether to apply Flyway migrations to every shard's primary when the database starts. */
        private boolean enabled;

        /** Flyway locations of the migrations. */
        private List<String> locations = new ArrayList<>(List.of(DEFAULT_MIGRATION_LOCATION));

        /** Creates the settings with their defaults: off, {@value #DEFAULT_MIGRATION_LOCATION}. */
        public Migrate() {}

        /** Returns whether migrations run at startup; default {@code false}. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether migrations run at startup. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** Returns the Flyway locations; default {@value #DEFAULT_MIGRATION_LOCATION}. */
        public List<String> getLocations() {
            return locations;
        }

        /** Sets the Flyway locations. */
        public void setLocations(List<String> locations) {
            this.locations = new ArrayList<>(locations);
        }
    }
}
