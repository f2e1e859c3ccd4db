package org.shardkit.core.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration.
 *
 * @param path where, e.g. {@code shards[2].primary.url}
 * @param message what, e.g. {@code missing} or {@code must be >= 1, but was 0}
 * @param line the 1-based YAML line, or 0 when not read from YAML
 */
public record ConfigProblem(String path, String message, int line) {

    /** Validates the fields. */
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** Returns {@code path: message (line N)}. */
    @Override
    public String toString() {
        return path + ": " + message + (line > 0 ? " (line " + line + ")" : "");
    }
}
