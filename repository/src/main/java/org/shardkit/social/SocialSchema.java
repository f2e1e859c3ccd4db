package org.shardkit.social;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The social schema's Flyway options, in one place so that every way of applying them (to each shard
 * of a database, to one server) applies the same migrations with the same history.
 */
final class SocialSchema {
    private SocialSchema() {}

    /** Sets the locations, history table and baseline of the social schema on a Flyway configuration. */
    static FluentConfiguration configure(FluentConfiguration flyway) {
        return flyway.locations(SocialRepository.MIGRATIONS)
                .table(SocialRepository.SCHEMA_HISTORY_TABLE)
                // The schema may already hold the application's tables and shardkit's own
                // (outbox, decisions): start the history below V1 rather than refuse.
                .baselineOnMigrate(true)
                .baselineVersion("0");
    }

    /** Applies the schema's migrations to one server. */
    static void migrate(DataSource dataSource) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource must not be null");
        }
        configure(Flyway.configure(SocialSchema.class.getClassLoader()).dataSource(dataSource))
                .load()
                .migrate();
    }
}
