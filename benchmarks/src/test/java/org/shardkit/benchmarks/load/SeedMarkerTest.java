package org.shardkit.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedMarkerTest {
    @TempDir
    Path data;

    @Test
    void marker_roundTrips_andClearRemovesOnlyTheServersDirectories() throws Exception {
        SeedMarker marker = new SeedMarker(data);
        assertThat(marker.read()).isNull();
        String described = SeedMarker.describe("GraphSpec[agents=300]", 2);
        marker.write(described);
        assertThat(marker.read()).isEqualTo(described);
        assertThat(described).isNotEqualTo(SeedMarker.describe("GraphSpec[agents=300]", 4));

        Files.createDirectories(data.resolve("shard-0").resolve("base"));
        Files.writeString(data.resolve("shard-0").resolve("base").resolve("f"), "x");
        Files.createDirectories(data.resolve(LoadServers.SINGLE_DIRECTORY));
        Files.createDirectories(data.resolve("mine"));
        marker.clear();

        assertThat(marker.read()).isNull();
        assertThat(data.resolve("shard-0")).doesNotExist();
        assertThat(data.resolve(LoadServers.SINGLE_DIRECTORY)).doesNotExist();
        assertThat(data.resolve("mine")).exists();
    }
}
