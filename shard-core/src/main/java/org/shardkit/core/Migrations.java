package org.shardkit.core;

import java.util.List;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Flyway migrations on shards' primaries, one shard after another, stopping at the first failure. */
final class Migrations {
    private Migrations() {}

    /**
     * Migrates the shards in the order given.
     *
     * @param shards the shards, in the order to migrate them
     * @param configurer sets Flyway's options (locations, schemas, ...); called once per shard
     * @throws MigrationException naming the shard whose migration failed
     */
    static void migrate(List<Shard> shards, Consumer<FluentConfiguration> configurer) {
        for (Shard shard : shards) {
            try {
                FluentConfiguration flyway = Flyway.configure(Migrations.class.getClassLoader());
                configurer.accept(flyway);
                flyway.dataSource(shard.primary().dataSource()).load().migrate();
            } catch (FlywayException e) {
                throw new MigrationException(shard.id(), shard.name(), e);
            }
        }
    }
}
