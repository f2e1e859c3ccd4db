package org.shardkit.core.config;

import java.util.List;
import java.util.stream.Collectors;
import org.shardkit.core.ShardkitException;

/**
 * A configuration has problems; all of them are listed, each with its path and YAML line.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigurationException extends ShardkitException {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigProblem> problems;

    /**
     * Creates the exception.
     *
     * @param source what was read, e.g. a file name
     * @param problems the problems, at least one
     */
    public ConfigurationException(String source, List<ConfigProblem> problems) {
        super("invalid shardkit configuration (" + source + "), " + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + ":\n  "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    /** Returns every problem found. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
