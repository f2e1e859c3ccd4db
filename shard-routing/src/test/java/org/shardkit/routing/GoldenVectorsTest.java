package org.shardkit.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails if any strategy routes a known key differently from the checked-in golden vectors. */
class GoldenVectorsTest {

    private static List<String> fileLines() throws IOException {
        try (InputStream in = GoldenVectorsTest.class.getResourceAsStream("golden-vectors.csv")) {
            assertThat(in).as("golden-vectors.csv on the test class path").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().toList();
        }
    }

    private static List<String> goldenLines() throws IOException {
        return fileLines().stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .toList();
    }

    @Test
    void route_goldenKeys_sameShardAsCheckedInFile() throws IOException {
        List<String> lines = goldenLines();
        assertThat(lines).hasSize(5 * 6 * (30 + 6));
        List<String> mismatches = new ArrayList<>();
        Map<String, ShardRouter> routers = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split(",", -1);
            ShardRouter router = routers.computeIfAbsent(
                    f[0] + "," + f[1], k -> ShardRouter.of(ShardStrategies.byName(f[0], Integer.parseInt(f[1]))));
            int expected = Integer.parseInt(f[4]);
            int actual = "long".equals(f[2]) ? router.route(Long.parseLong(f[3])) : router.route(f[3]);
            if (actual != expected) {
                mismatches.add(line + " -> now " + actual);
            }
        }
        assertThat(mismatches)
                .as("routing changed; data placed by earlier versions would be lost")
                .isEmpty();
    }

    @Test
    void goldenFile_coversEveryStrategyAndShardCount() throws IOException {
        // Comments included: the file is exactly what GoldenVectors writes, line for line and in the same order.
        assertThat(fileLines()).containsExactlyElementsOf(GoldenVectors.lines());
    }

    @Test
    void goldenFile_strategyColumn_isEveryRegistryNameInDeclarationOrder() throws IOException {
        List<String> names = goldenLines().stream()
                .map(l -> l.substring(0, l.indexOf(',')))
                .distinct()
                .toList();
        assertThat(names)
                .containsExactly(Arrays.stream(StrategyKind.values())
                        .map(StrategyKind::configName)
                        .toArray(String[]::new));
    }
}
