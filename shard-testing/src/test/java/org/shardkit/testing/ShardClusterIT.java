package org.shardkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.shardkit.testing.internal.EmbeddedPostgresServer;

/** A cluster started outside JUnit (as examples and benchmarks do) leaves nothing behind. */
class ShardClusterIT {

    @Test
    void close_stopsServersAndDeletesDataDirectories() {
        Path dataDirectory;
        try (ShardCluster cluster = ShardCluster.builder()
                .environment(TestEnvironment.embedded())
                .shards(1)
                .start()) {
            EmbeddedPostgresServer server = (EmbeddedPostgresServer) cluster.server(0);
            dataDirectory = server.dataDirectory();
            assertThat(dataDirectory.resolve("PG_VERSION")).exists();
            assertThat(server.isRunning()).isTrue();
        }
        assertThat(dataDirectory).doesNotExist();
    }
}
