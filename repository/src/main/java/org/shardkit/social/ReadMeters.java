package org.shardkit.social;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The read paths' timers, registered once, here, when the repository is built: {@value #TIMER}
 * tagged {@code operation} (a {@link Path}'s name) and {@code outcome} ({@code success} or {@code
 * error}); docs/metrics.md lists them. Without a registry nothing is timed. Thread-safe.
 */
final class ReadMeters {
    /** The timer's name. */
    static final String TIMER = "shardkit.social.read";

    /** Each timed read path; its {@code operation} tag is the constant in lower case, with '-' for '_'. */
    enum Path {
        AGENT,
        FRIEND_COUNT,
        FEED,
        FRIENDS,
        FRIEND_REQUESTS,
        COMPATIBLE_AGENTS,
        INBOX,
        COMMUNITY_MEMBERS;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final @Nullable MeterRegistry registry;
    private final Map<Path, Timer> successes = new EnumMap<>(Path.class);
    private final Map<Path, Timer> errors = new EnumMap<>(Path.class);

    ReadMeters(@Nullable MeterRegistry registry) {
        this.registry = registry;
        if (registry != null) {
            for (Path p : Path.values()) {
                successes.put(p, timer(registry, p, "success"));
                errors.put(p, timer(registry, p, "error"));
            }
        }
    }

    private static Timer timer(MeterRegistry registry, Path path, String outcome) {
        return Timer.builder(TIMER)
                .description("a read of the social repository, from its call to its return")
                .tag("operation", path.tag())
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Runs a read and records its time under its path and outcome. */
    <T> T time(Path path, Supplier<T> read) {
        MeterRegistry r = registry;
        if (r == null) {
            return read.get();
        }
        Timer.Sample sample = Timer.start(r);
        try {
            T value = read.get();
            sample.stop(java.util.Objects.requireNonNull(successes.get(path)));
            return value;
        } catch (RuntimeException | Error e) {
            sample.stop(java.util.Objects.requireNonNull(errors.get(path)));
            throw e;
        }
    }
}
