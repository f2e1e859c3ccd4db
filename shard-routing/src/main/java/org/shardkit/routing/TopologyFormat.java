package org.shardkit.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Arrays;

/**
 * Reads and writes {@link Topology} documents in YAML or JSON (one shape for both). Jackson does the parsing so that
 * hand-edited files with comments, quoting and either YAML style are read correctly; this class only maps the tree and
 * validates it. Thread-safe: the mappers are configured once and never changed.
 */
final class TopologyFormat {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());

    private TopologyFormat() {}

    static String write(Topology topology, boolean yaml) {
        int[] assignment = topology.assignmentView();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", topology.version());
        root.put("bucketCount", assignment.length);
        ArrayNode shards = root.putArray("shards");
        for (int shard : topology.shardIds()) {
            ObjectNode entry = shards.addObject();
            entry.put("shard", shard);
            entry.put("buckets", ranges(assignment, shard));
        }
        try {
            return (yaml ? YAML : JSON).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            // A tree of ints and strings always serialises; reaching here is a bug.
            throw new IllegalStateException("cannot write topology version " + topology.version(), e);
        }
    }

    private static String ranges(int[] assignment, int shard) {
        StringBuilder out = new StringBuilder();
        int b = 0;
        while (b < assignment.length) {
            if (assignment[b] != shard) {
                b++;
                continue;
            }
            int start = b;
            while (b + 1 < assignment.length && assignment[b + 1] == shard) {
                b++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (b > start) {
                out.append('-').append(b);
            }
            b++;
        }
        return out.toString();
    }

    static Topology read(String text, boolean yaml) {
        String format = yaml ? "YAML" : "JSON";
        if (text == null) {
            throw new IllegalArgumentException("topology " + format + " must not be null, but was null");
        }
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("topology " + format + " is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("topology " + format + " must be a mapping with version, bucketCount"
                    + " and shards, but was " + (root == null ? "empty" : root.getNodeType()));
        }
        long version = integer(root, "version", format);
        int bucketCount = intValue(root, "bucketCount", format);
        Topology.checkBucketCount(bucketCount);
        JsonNode shards = root.path("shards");
        if (!shards.isArray()) {
            throw new IllegalArgumentException(
                    "topology " + format + " must have a list 'shards', but was " + shards.getNodeType());
        }
        int[] assignment = new int[bucketCount];
        Arrays.fill(assignment, -1);
        for (JsonNode entry : shards) {
            int shard = intValue(entry, "shard", format);
            Checks.nonNegative("shard", shard);
            JsonNode buckets = entry.path("buckets");
            if (!buckets.isValueNode()) {
                throw new IllegalArgumentException(
                        "topology " + format + ": shard " + shard + " must have 'buckets' like \"0-1023,2048\"");
            }
            for (String part : buckets.asText().split(",", -1)) {
                assignRange(assignment, part.trim(), shard, format);
            }
        }
        for (int b = 0; b < bucketCount; b++) {
            if (assignment[b] < 0) {
                throw new IllegalArgumentException(
                        "topology " + format + ": bucket " + b + " of " + bucketCount + " is not assigned to a shard");
            }
        }
        return Topology.of(version, assignment);
    }

    private static void assignRange(int[] assignment, String part, int shard, String format) {
        if (part.isEmpty()) {
            return;
        }
        int dash = part.indexOf('-');
        int from;
        int to;
        try {
            from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash).trim());
            to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "topology " + format + ": shard " + shard + " has a bad bucket range '" + part + "'", e);
        }
        if (from < 0 || to >= assignment.length || from > to) {
            throw new IllegalArgumentException("topology " + format + ": shard " + shard + " has bucket range '" + part
                    + "' outside 0.." + (assignment.length - 1));
        }
        for (int b = from; b <= to; b++) {
            if (assignment[b] >= 0) {
                throw new IllegalArgumentException("topology " + format + ": bucket " + b
                        + " is assigned twice (shards " + assignment[b] + " and " + shard + ")");
            }
            assignment[b] = shard;
        }
    }

    private static int intValue(JsonNode node, String field, String format) {
        long value = integer(node, field, format);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "topology " + format + ": '" + field + "' must fit in an int, but was " + value);
        }
        return (int) value;
    }

    private static long integer(JsonNode node, String field, String format) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "topology " + format + ": '" + field + "' must be an integer, but was " + value.asText(), e);
            }
        }
        throw new IllegalArgumentException(
                "topology " + format + ": '" + field + "' must be an integer, but was " + value.getNodeType());
    }
}
