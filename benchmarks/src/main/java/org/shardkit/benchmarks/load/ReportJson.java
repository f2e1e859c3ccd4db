package org.shardkit.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code report.json} in exactly the shape issue 15 fixes:
 * {@code {"config": {...every option...}, "results": [{"system", "workload", "operation", "count",
 * "errors", "p50_ms", "p95_ms", "p99_ms", "p999_ms", "max_ms", "throughput_ops"}]}}. Everything else
 * a run knows (offered rates, seeding, error messages) goes to {@code report.md}. Stateless.
 */
final class ReportJson {
    /** The report's file name. */
    static final String FILE = "report.json";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    /**
     * Writes the report.
     *
     * @param directory the output directory
     * @param config every option under its name
     * @param rows the results
     * @return the file written
     */
    static Path write(Path directory, Map<String, Object> config, List<ResultRow> rows) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("config", config);
        root.put("results", rows.stream().map(ResultRow::asJson).toList());
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE);
        MAPPER.writeValue(file.toFile(), root);
        return file;
    }
}
