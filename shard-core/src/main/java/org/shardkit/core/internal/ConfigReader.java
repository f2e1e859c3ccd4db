package org.shardkit.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.shardkit.core.config.BreakerConfig;
import org.shardkit.core.config.ConfigProblem;
import org.shardkit.core.config.ConfigurationException;
import org.shardkit.core.config.EndpointConfig;
import org.shardkit.core.config.IdGenConfig;
import org.shardkit.core.config.LimitsConfig;
import org.shardkit.core.config.MetricsConfig;
import org.shardkit.core.config.PoolConfig;
import org.shardkit.core.config.ReplicaConfig;
import org.shardkit.core.config.Secret;
import org.shardkit.core.config.ShardConfig;
import org.shardkit.core.config.ShardkitConfig;
import org.shardkit.core.config.StartupMode;
import org.shardkit.core.config.TopologyConfig;

/**
 * Reads a {@link ShardkitConfig} from YAML: substitutes {@code ${VAR}} / {@code ${VAR:-default}},
 * rejects unknown keys, and collects every problem (path, message, line) before failing once.
 * One instance per read; not thread-safe.
 */
public final class ConfigReader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Set<String> ENDPOINT_KEYS = Set.of("url", "user", "password", "passwordFile");
    private static final Set<String> REPLICA_KEYS = Set.of("url", "user", "password", "passwordFile", "weight");
    private static final Set<String> POOL_KEYS = Set.of(
            "maximumSize", "minimumIdle", "connectionTimeout", "maxLifetime", "idleTimeout", "leakDetectionThreshold");

    private final String source;
    private final Map<String, String> environment;
    private final @Nullable Path baseDirectory;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigReader(String source, Map<String, String> environment, @Nullable Path baseDirectory) {
        this.source = source;
        this.environment = Map.copyOf(environment);
        this.baseDirectory = baseDirectory;
    }

    /**
     * Reads a configuration.
     *
     * @param source a name for messages (a file name)
     * @param yaml the YAML text
     * @param environment what {@code ${VAR}} refers to
     * @param baseDirectory where relative {@code passwordFile} paths start; null for the working
     *     directory
     * @return the configuration
     * @throws ConfigurationException listing every problem
     */
    public static ShardkitConfig read(
            String source, String yaml, Map<String, String> environment, @Nullable Path baseDirectory) {
        return new ConfigReader(source, environment, baseDirectory).read(yaml);
    }

    private ShardkitConfig read(String yaml) {
        YamlNode root;
        try {
            root = YamlNode.parse(yaml);
        } catch (YamlNode.SyntaxException e) {
            throw new ConfigurationException(
                    source, List.of(new ConfigProblem(e.path, String.valueOf(e.getMessage()), e.line)));
        }
        if (root == null || root.kind != YamlNode.Kind.MAP) {
            problem(
                    "(root)",
                    "must be a mapping with a 'shards' list, but was " + (root == null ? "empty" : root.describe()),
                    root == null ? 1 : root.line);
            throw new ConfigurationException(source, problems);
        }
        knownKeys(
                root,
                "",
                Set.of(
                        "shards",
                        "pool",
                        "topology",
                        "idgen",
                        "startup",
                        "replicaRetryAfter",
                        "metrics",
                        "limits",
                        "breaker"));

        PoolConfig poolDefaults = pool(root.map.get("pool"), "pool", PoolConfig.defaults());
        List<ShardConfig> shards = shards(root, poolDefaults);
        TopologyConfig topology = topology(root.map.get("topology"));
        IdGenConfig idgen = idgen(root.map.get("idgen"));
        StartupMode startup = StartupMode.EAGER;
        String startupText = scalar(root.map.get("startup"), "startup");
        if (startupText != null) {
            try {
                startup = StartupMode.valueOf(startupText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problem("startup", "must be eager or lazy, but was '" + startupText + "'", lineOf(root, "startup"));
            }
        }
        Duration replicaRetry = duration(
                root,
                "replicaRetryAfter",
                "replicaRetryAfter",
                ShardkitConfig.DEFAULT_REPLICA_RETRY_AFTER,
                Duration.ofMillis(1));
        MetricsConfig metrics = metrics(root.map.get("metrics"));
        LimitsConfig limits = limits(root.map.get("limits"));
        BreakerConfig breaker = breaker(root.map.get("breaker"));

        if (!problems.isEmpty()) {
            throw new ConfigurationException(source, problems);
        }
        try {
            return new ShardkitConfig(
                    shards,
                    topology,
                    idgen,
                    startup,
                    Objects.requireNonNullElse(replicaRetry, ShardkitConfig.DEFAULT_REPLICA_RETRY_AFTER),
                    metrics,
                    limits,
                    breaker);
        } catch (IllegalArgumentException e) {
            problem("shards", String.valueOf(e.getMessage()), lineOf(root, "shards"));
            throw new ConfigurationException(source, problems);
        }
    }

    private List<ShardConfig> shards(YamlNode root, PoolConfig poolDefaults) {
        YamlNode list = root.map.get("shards");
        List<ShardConfig> shards = new ArrayList<>();
        if (list == null) {
            problem("shards", "missing", root.line);
            return shards;
        }
        if (list.kind != YamlNode.Kind.LIST || list.list.isEmpty()) {
            problem("shards", "must be a non-empty list, but was " + list.describe(), list.line);
            return shards;
        }
        Map<Integer, String> idOwners = new HashMap<>();
        Map<String, String> nameOwners = new HashMap<>();
        for (int i = 0; i < list.list.size(); i++) {
            String path = "shards[" + i + "]";
            YamlNode node = list.list.get(i);
            if (!isMap(node, path)) {
                continue;
            }
            knownKeys(node, path, Set.of("id", "name", "primary", "replicas", "pool"));
            Integer id = integer(node, "id", path + ".id", 0, Integer.MAX_VALUE, null);
            if (id != null) {
                String owner = idOwners.putIfAbsent(id, path);
                if (owner != null) {
                    problem(path + ".id", "duplicate id " + id + " (also " + owner + ")", lineOf(node, "id"));
                }
            }
            String name = scalar(node.map.get("name"), path + ".name");
            if (name == null && !node.map.containsKey("name")) {
                problem(path + ".name", "missing", node.line);
            } else if (name != null && !name.matches("[A-Za-z0-9_.-]{1,63}")) {
                problem(
                        path + ".name",
                        "must match [A-Za-z0-9_.-]{1,63}, but was '" + name + "'",
                        lineOf(node, "name"));
                name = null;
            } else if (name != null) {
                String owner = nameOwners.putIfAbsent(name, path);
                if (owner != null) {
                    problem(path + ".name", "duplicate name '" + name + "' (also " + owner + ")", lineOf(node, "name"));
                }
            }
            EndpointConfig primary = null;
            YamlNode primaryNode = node.map.get("primary");
            if (primaryNode == null) {
                problem(path + ".primary", "missing", node.line);
            } else if (isMap(primaryNode, path + ".primary")) {
                knownKeys(primaryNode, path + ".primary", ENDPOINT_KEYS);
                primary = endpoint(primaryNode, path + ".primary");
            }
            List<ReplicaConfig> replicas = new ArrayList<>();
            YamlNode replicaList = node.map.get("replicas");
            if (replicaList != null && replicaList.kind != YamlNode.Kind.NULL) {
                if (replicaList.kind != YamlNode.Kind.LIST) {
                    problem(path + ".replicas", "must be a list, but was " + replicaList.describe(), replicaList.line);
                } else {
                    for (int r = 0; r < replicaList.list.size(); r++) {
                        String rpath = path + ".replicas[" + r + "]";
                        YamlNode rnode = replicaList.list.get(r);
                        if (!isMap(rnode, rpath)) {
                            continue;
                        }
                        knownKeys(rnode, rpath, REPLICA_KEYS);
                        EndpointConfig endpoint = endpoint(rnode, rpath);
                        Integer weight =
                                integer(rnode, "weight", rpath + ".weight", 1, 1_000, ReplicaConfig.DEFAULT_WEIGHT);
                        if (endpoint != null && weight != null) {
                            replicas.add(new ReplicaConfig(endpoint, weight));
                        }
                    }
                }
            }
            PoolConfig pool = pool(node.map.get("pool"), path + ".pool", poolDefaults);
            if (id != null && name != null && primary != null) {
                shards.add(new ShardConfig(id, name, primary, replicas, pool));
            }
        }
        if (problems.isEmpty()) {
            for (int expected = 0; expected < shards.size(); expected++) {
                if (!idOwners.containsKey(expected)) {
                    problem(
                            "shards",
                            "ids must be 0.." + (shards.size() - 1) + " without gaps, but " + expected
                                    + " is missing (ids: " + new TreeSet<>(idOwners.keySet()) + ")",
                            list.line);
                    break;
                }
            }
        }
        return shards;
    }

    private @Nullable EndpointConfig endpoint(YamlNode node, String path) {
        String url = scalar(node.map.get("url"), path + ".url");
        if (url == null && !node.map.containsKey("url")) {
            problem(path + ".url", "missing", node.line);
        } else if (url != null) {
            if (!url.startsWith("jdbc:postgresql:")) {
                problem(
                        path + ".url",
                        "must start with 'jdbc:postgresql:', but was '"
                                + url.replaceAll("(?i)(password=)[^&]*", "$1******") + "'",
                        lineOf(node, "url"));
                url = null;
            } else if (url.toLowerCase(Locale.ROOT).contains("password=")) {
                problem(
                        path + ".url",
                        "must not carry a password; use password: ${VAR} or passwordFile",
                        lineOf(node, "url"));
                url = null;
            }
        }
        String user = scalar(node.map.get("user"), path + ".user");
        if (user == null && !node.map.containsKey("user")) {
            problem(path + ".user", "missing", node.line);
        }
        Secret password = password(node, path);
        if (url == null || user == null || password == null) {
            return null;
        }
        return new EndpointConfig(url, user, password);
    }

    /** A password comes only from the environment or a file; a literal in the file is refused. */
    private @Nullable Secret password(YamlNode node, String path) {
        YamlNode literal = node.map.get("password");
        YamlNode file = node.map.get("passwordFile");
        if (literal != null && file != null) {
            problem(path + ".password", "give password or passwordFile, not both", lineOf(node, "password"));
            return null;
        }
        if (literal != null) {
            if (literal.kind != YamlNode.Kind.SCALAR || literal.text == null) {
                problem(
                        path + ".password",
                        "must be ${VAR}, but was "
                                + (literal.kind == YamlNode.Kind.SCALAR ? "a value" : literal.describe()),
                        literal.line);
                return null;
            }
            Matcher whole = VARIABLE.matcher(literal.text.strip());
            if (whole.matches() && whole.group(2) != null) {
                problem(
                        path + ".password",
                        "must not carry a default (${" + whole.group(1) + ":-...} puts a literal password in the"
                                + " file); use ${" + whole.group(1) + "} or passwordFile",
                        literal.line);
                return null;
            }
            if (!whole.matches()) {
                // Never echo the value: it may be a real password.
                problem(
                        path + ".password",
                        "must come from the environment (${VAR}) or passwordFile, not a literal value",
                        literal.line);
                return null;
            }
            String value = substitute(literal.text, path + ".password", literal.line);
            return value == null ? null : Secret.of(value);
        }
        if (file != null) {
            String fileName = scalar(file, path + ".passwordFile");
            if (fileName == null) {
                return null;
            }
            Path p = baseDirectory == null ? Path.of(fileName) : baseDirectory.resolve(fileName);
            try {
                return Secret.of(Files.readString(p, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                problem(
                        path + ".passwordFile",
                        "cannot read " + p + " (" + e.getClass().getSimpleName() + ")",
                        file.line);
                return null;
            }
        }
        return Secret.empty();
    }

    private PoolConfig pool(@Nullable YamlNode node, String path, PoolConfig defaults) {
        if (node == null || node.kind == YamlNode.Kind.NULL) {
            return defaults;
        }
        if (!isMap(node, path)) {
            return defaults;
        }
        knownKeys(node, path, POOL_KEYS);
        Integer max = integer(node, "maximumSize", path + ".maximumSize", 1, 10_000, defaults.maximumSize());
        Integer minIdle = integer(node, "minimumIdle", path + ".minimumIdle", 0, 10_000, defaults.minimumIdle());
        Duration timeout = duration(
                node,
                "connectionTimeout",
                path + ".connectionTimeout",
                defaults.connectionTimeout(),
                Duration.ofMillis(250));
        Duration lifetime = zeroOrAtLeast(node, "maxLifetime", path, defaults.maxLifetime(), Duration.ofSeconds(30));
        Duration idle = zeroOrAtLeast(node, "idleTimeout", path, defaults.idleTimeout(), Duration.ofSeconds(10));
        Duration leak = zeroOrAtLeast(
                node, "leakDetectionThreshold", path, defaults.leakDetectionThreshold(), Duration.ofSeconds(2));
        if (max == null || minIdle == null || timeout == null || lifetime == null || idle == null || leak == null) {
            return defaults;
        }
        if (minIdle > max) {
            problem(
                    path + ".minimumIdle",
                    "must be <= maximumSize (" + max + "), but was " + minIdle,
                    lineOf(node, "minimumIdle"));
            return defaults;
        }
        try {
            return new PoolConfig(max, minIdle, timeout, lifetime, idle, leak);
        } catch (IllegalArgumentException e) {
            problem(path, String.valueOf(e.getMessage()), node.line);
            return defaults;
        }
    }

    private @Nullable Duration zeroOrAtLeast(YamlNode node, String key, String path, Duration fallback, Duration min) {
        Duration d = duration(node, key, path + "." + key, fallback, Duration.ZERO);
        if (d != null && !d.isZero() && d.compareTo(min) < 0) {
            problem(
                    path + "." + key,
                    "must be 0 (off) or >= " + format(min) + ", but was " + format(d),
                    lineOf(node, key));
            return null;
        }
        return d;
    }

    private TopologyConfig topology(@Nullable YamlNode node) {
        TopologyConfig defaults = TopologyConfig.defaults();
        if (node == null || !isMap(node, "topology")) {
            return defaults;
        }
        knownKeys(node, "topology", Set.of("strategy", "bucketCount", "virtualNodes"));
        String strategy = scalar(node.map.get("strategy"), "topology.strategy");
        if (strategy == null) {
            strategy = defaults.strategy();
        } else if (!TopologyConfig.STRATEGIES.contains(strategy.toLowerCase(Locale.ROOT))) {
            problem(
                    "topology.strategy",
                    "must be one of buckets, consistent-hash, hash-modulo, jump, modulo, but was '" + strategy + "'",
                    lineOf(node, "strategy"));
            strategy = defaults.strategy();
        }
        Integer buckets = integer(node, "bucketCount", "topology.bucketCount", 1, 1 << 24, defaults.bucketCount());
        if (buckets != null && Integer.bitCount(buckets) != 1) {
            problem("topology.bucketCount", "must be a power of two, but was " + buckets, lineOf(node, "bucketCount"));
            buckets = null;
        }
        Integer vnodes = integer(node, "virtualNodes", "topology.virtualNodes", 1, 100_000, defaults.virtualNodes());
        if (buckets == null || vnodes == null) {
            return defaults;
        }
        return new TopologyConfig(strategy, buckets, vnodes);
    }

    private IdGenConfig idgen(@Nullable YamlNode node) {
        IdGenConfig defaults = IdGenConfig.defaults();
        if (node == null || !isMap(node, "idgen")) {
            return defaults;
        }
        knownKeys(node, "idgen", Set.of("epoch", "workerId"));
        Instant epoch = defaults.epoch();
        String epochText = scalar(node.map.get("epoch"), "idgen.epoch");
        if (epochText != null) {
            try {
                epoch = Instant.parse(epochText);
                if (epoch.isAfter(Instant.now())) {
                    problem("idgen.epoch", "must not be in the future, but was " + epochText, lineOf(node, "epoch"));
                }
            } catch (DateTimeParseException e) {
                problem(
                        "idgen.epoch",
                        "must be an ISO-8601 instant like 2024-01-01T00:00:00Z, but was '" + epochText + "'",
                        lineOf(node, "epoch"));
            }
        }
        String sourceName = defaults.workerIdSource();
        int workerId = defaults.staticWorkerId();
        YamlNode worker = node.map.get("workerId");
        if (worker != null && isMap(worker, "idgen.workerId")) {
            knownKeys(worker, "idgen.workerId", Set.of("source", "id"));
            String s = scalar(worker.map.get("source"), "idgen.workerId.source");
            if (s != null) {
                String lower = s.toLowerCase(Locale.ROOT);
                if (!Set.of("static", "postgres", "redis").contains(lower)) {
                    problem(
                            "idgen.workerId.source",
                            "must be one of static, postgres, redis, but was '" + s + "'",
                            lineOf(worker, "source"));
                } else {
                    sourceName = lower;
                }
            }
            Integer id = integer(worker, "id", "idgen.workerId.id", 0, 1023, 0);
            if (id != null) {
                workerId = id;
            }
        }
        return new IdGenConfig(epoch, sourceName, workerId);
    }

    private MetricsConfig metrics(@Nullable YamlNode node) {
        MetricsConfig defaults = MetricsConfig.defaults();
        if (node == null || !isMap(node, "metrics")) {
            return defaults;
        }
        knownKeys(node, "metrics", Set.of("slowQueryThreshold", "logBindValues"));
        Duration threshold = duration(
                node, "slowQueryThreshold", "metrics.slowQueryThreshold", defaults.slowQueryThreshold(), Duration.ZERO);
        Boolean bind = bool(node, "logBindValues", "metrics.logBindValues", defaults.logBindValues());
        return threshold == null || bind == null ? defaults : new MetricsConfig(threshold, bind);
    }

    private LimitsConfig limits(@Nullable YamlNode node) {
        LimitsConfig defaults = LimitsConfig.defaults();
        if (node == null || !isMap(node, "limits")) {
            return defaults;
        }
        knownKeys(node, "limits", Set.of("maxConcurrentPerShard", "maxConcurrent"));
        Integer perShard = integer(
                node,
                "maxConcurrentPerShard",
                "limits.maxConcurrentPerShard",
                0,
                100_000,
                defaults.maxConcurrentPerShard());
        Integer overall =
                integer(node, "maxConcurrent", "limits.maxConcurrent", 0, 1_000_000, defaults.maxConcurrent());
        return perShard == null || overall == null ? defaults : new LimitsConfig(perShard, overall);
    }

    private BreakerConfig breaker(@Nullable YamlNode node) {
        BreakerConfig defaults = BreakerConfig.defaults();
        if (node == null || !isMap(node, "breaker")) {
            return defaults;
        }
        knownKeys(node, "breaker", Set.of("failureRateThreshold", "slidingWindowSize", "minimumCalls", "openDuration"));
        Integer rate = integer(
                node, "failureRateThreshold", "breaker.failureRateThreshold", 1, 100, defaults.failureRateThreshold());
        Integer window = integer(
                node, "slidingWindowSize", "breaker.slidingWindowSize", 1, 10_000, defaults.slidingWindowSize());
        Integer minimum = integer(node, "minimumCalls", "breaker.minimumCalls", 1, 10_000, defaults.minimumCalls());
        Duration open =
                duration(node, "openDuration", "breaker.openDuration", defaults.openDuration(), Duration.ofMillis(1));
        if (rate == null || window == null || minimum == null || open == null) {
            return defaults;
        }
        if (minimum > window) {
            problem(
                    "breaker.minimumCalls",
                    "must be <= slidingWindowSize (" + window + "), but was " + minimum,
                    lineOf(node, "minimumCalls"));
            return defaults;
        }
        return new BreakerConfig(rate, window, minimum, open);
    }

    // ---- scalar helpers: each records a problem and returns null on bad input ----

    private boolean isMap(YamlNode node, String path) {
        if (node.kind != YamlNode.Kind.MAP) {
            problem(path, "must be a mapping, but was " + node.describe(), node.line);
            return false;
        }
        return true;
    }

    private void knownKeys(YamlNode map, String path, Set<String> known) {
        for (String key : map.map.keySet()) {
            if (!known.contains(key)) {
                problem(
                        path.isEmpty() ? key : path + "." + key,
                        "unknown key (known: " + String.join(", ", new TreeSet<>(known)) + ")",
                        lineOf(map, key));
            }
        }
    }

    private @Nullable String scalar(@Nullable YamlNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.kind == YamlNode.Kind.NULL) {
            problem(path, "must have a value, but was empty", node.line);
            return null;
        }
        if (node.kind != YamlNode.Kind.SCALAR || node.text == null) {
            problem(path, "must be a single value, but was " + node.describe(), node.line);
            return null;
        }
        return substitute(node.text, path, node.line);
    }

    private @Nullable String substitute(String text, String path, int line) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String name = m.group(1);
            String value = environment.get(name);
            if ((value == null || value.isEmpty()) && m.group(2) != null) {
                // As in the shell, ${VAR:-default} uses the default when VAR is unset or empty.
                value = m.group(2);
            }
            if (value == null) {
                problem(
                        path,
                        "environment variable " + name + " is not set (use ${" + name + ":-default} for a default)",
                        line);
                ok = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return ok ? out.toString() : null;
    }

    private @Nullable Integer integer(
            YamlNode map, String key, String path, int min, int max, @Nullable Integer fallback) {
        YamlNode node = map.map.get(key);
        if (node == null) {
            if (fallback == null) {
                problem(path, "missing", map.line);
            }
            return fallback;
        }
        String text = scalar(node, path);
        if (text == null) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problem(path, "must be an integer, but was '" + text + "'", node.line);
            return null;
        }
        if (value < min) {
            problem(path, "must be >= " + min + ", but was " + value, node.line);
            return null;
        }
        if (value > max) {
            problem(path, "must be <= " + max + ", but was " + value, node.line);
            return null;
        }
        return value;
    }

    private @Nullable Boolean bool(YamlNode map, String key, String path, boolean fallback) {
        YamlNode node = map.map.get(key);
        if (node == null) {
            return fallback;
        }
        String text = scalar(node, path);
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        if (text != null) {
            problem(path, "must be true or false, but was '" + text + "'", node.line);
        }
        return null;
    }

    private @Nullable Duration duration(YamlNode map, String key, String path, Duration fallback, Duration min) {
        YamlNode node = map.map.get(key);
        if (node == null) {
            return fallback;
        }
        String text = scalar(node, path);
        if (text == null) {
            return null;
        }
        Duration d = parseDuration(text.strip());
        if (d == null) {
            problem(path, "must be a duration like 250ms, 5s, 10m, 1h or PT5S, but was '" + text + "'", node.line);
            return null;
        }
        if (d.compareTo(min) < 0) {
            problem(path, "must be >= " + format(min) + ", but was " + format(d), node.line);
            return null;
        }
        return d;
    }

    static @Nullable Duration parseDuration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            try {
                return unitDuration(n, m.group(2));
            } catch (ArithmeticException e) {
                return null;
            }
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    private static Duration unitDuration(long n, String unit) {
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofDays(n);
        }
    }

    private static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) {
            return ms + "ms";
        }
        return (ms / 1000) + "s";
    }

    private static int lineOf(YamlNode map, String key) {
        Integer line = map.keyLines.get(key);
        return line == null ? map.line : line;
    }

    private void problem(String path, String message, int line) {
        problems.add(new ConfigProblem(path, message, line));
    }
}
